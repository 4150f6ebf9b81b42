/**
 * The {@code rollout} and {@code evaluate} jobs: classical policies (and later learned ones) played
 * on held-out tasks, distributed by task across executors.
 *
 * <p>{@link org.rl3spark.jobs.eval.RolloutJob} writes every step of one policy's meta-episodes;
 * {@link org.rl3spark.jobs.eval.EvaluateJob} plays many policies at many budgets once per task,
 * writes per-task returns with the oracle's expected return and the rewards, and a summary table
 * ({@code summary.csv}, {@code summary.md}, Parquet) computed so that it is bit-identical for any
 * partitioning, thread count or task retry.
 */
package org.rl3spark.jobs.eval;
