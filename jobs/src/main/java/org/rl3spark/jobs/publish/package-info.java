/**
 * Publishing job outputs atomically, with provenance, and reading them back safely.
 *
 * <p>A job writes into a staging directory beside its target ({@code <parent>/.<name>.staging-
 * <runId>}), adds a {@code _MANIFEST.json} ({@link org.rl3spark.jobs.publish.Manifest}: job, run,
 * resolved config, seed, code and library versions, times, row counts, data files) and only then
 * publishes by renames ({@link org.rl3spark.jobs.publish.StagedOutput}); a failed run deletes its
 * staging directory and leaves the previous result in place, and the staging directory of a killed
 * run (its {@link org.rl3spark.jobs.publish.StagingOwner} no longer running) is removed by the next
 * run of the same output ({@link org.rl3spark.jobs.publish.StagingLitter}). Every job publishes
 * through one template, {@link org.rl3spark.jobs.publish.Publication} (begin, write, manifest,
 * publish; on failure wait for Spark's tasks to stop, then delete the staging directory). {@link
 * org.rl3spark.jobs.publish.PublishedDataset} refuses input without a manifest, with a row count
 * that does not match, or with missing or mistyped columns, duplicate keys, nulls or non-finite
 * numbers. Everything goes through the Hadoop {@code FileSystem} API, so local, HDFS and S3 paths
 * behave alike.
 */
package org.rl3spark.jobs.publish;
