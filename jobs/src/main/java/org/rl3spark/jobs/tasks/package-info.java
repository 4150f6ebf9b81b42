/**
 * The {@code tasks} job and its stage: generate tasks of one family and split on the executors,
 * write them as Parquet with an explicit schema, and summarise them by Spark aggregation.
 *
 * <p>Each row is {@code family.generate(split, index, masterSeed)} converted by {@link
 * org.rl3spark.jobs.tasks.TaskRows}: a pure function of the task index, so the number of
 * partitions, the executors and task retries cannot change the rows. Schemas, rows and summaries
 * follow each family's registration ({@code envs}' {@code Families}); no code here switches on a
 * family.
 */
package org.rl3spark.jobs.tasks;
