/**
 * The {@code train} job: PPO meta-training of one agent with rollouts on the executors ({@link
 * org.rl3spark.jobs.train.TrainJob}).
 *
 * <p>Each iteration ships an actor snapshot and the envs to play ({@link
 * org.rl3spark.jobs.train.RolloutWork}), writes the meta-episodes as Parquet ({@link
 * org.rl3spark.jobs.train.TrajectorySchema}), reads them back and fits on the driver or by
 * parameter averaging over executor tasks ({@link
 * org.rl3spark.jobs.train.ParameterAveragingFitter}, the one class here that uses DL4J; its cost
 * per part in {@link org.rl3spark.jobs.train.FitTimes}), and appends a metrics row ({@link
 * org.rl3spark.jobs.train.TrainMetrics}). The run directory with its settings, metrics and
 * checkpoints is {@link org.rl3spark.jobs.train.TrainRunDir}; a run forked from another run's
 * checkpoint starts from {@link org.rl3spark.jobs.train.ForkStart}.
 */
package org.rl3spark.jobs.train;
