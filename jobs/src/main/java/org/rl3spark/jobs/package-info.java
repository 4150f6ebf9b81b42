/**
 * The Spark applications of rl3 and their command line.
 *
 * <p>{@link org.rl3spark.jobs.Rl3} is the single entry point ({@code bin/rl3} and spark-submit): it
 * parses the command line ({@link org.rl3spark.jobs.CommandLine}), picks the job from the
 * allow-list ({@link org.rl3spark.jobs.JobRegistry}), validates the config completely, and only
 * then opens a Spark session and runs the {@link org.rl3spark.jobs.Job}. This is the only module
 * that imports Spark.
 */
package org.rl3spark.jobs;
