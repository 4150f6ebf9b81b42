/**
 * The rl3 configuration: HOCON files over the defaults in {@code rl3-defaults.conf}, validated into
 * immutable records before any Spark work.
 *
 * <p>{@link org.rl3spark.jobs.config.ConfigLoader} parses a config file (refusing network,
 * classpath and out-of-tree includes), applies {@code --set} and {@code --out} overrides, resolves
 * substitutions and validates everything in one pass, collecting every problem into one {@link
 * org.rl3spark.jobs.config.ConfigProblems}. On success it returns an {@link
 * org.rl3spark.jobs.config.Rl3Config}: one record per HOCON block ({@code output}, {@code spark},
 * {@code tasks}, {@code family.*}, {@code demo}, {@code train}, {@code testing}, ...) with
 * validated fields and derived quantities as methods. Validation is a pure function: it never
 * creates a Spark context.
 *
 * <p>{@link org.rl3spark.jobs.config.RecordBinder} binds a block to its record by component name
 * ({@code klTarget} from {@code kl-target}; nested records from nested blocks, or flat when {@link
 * org.rl3spark.jobs.config.Inline}): the {@code family.<name>} blocks to the settings records of
 * the families' registrations in {@code envs}, {@code train} to {@link
 * org.rl3spark.jobs.config.TrainConfig} with the learner's {@code PpoConfig} and core's {@code
 * EntropySchedule} and {@code VamdpConfig}, and the {@code output}, {@code tasks} and {@code
 * testing} blocks. Each record checks its ranges in its constructor. {@link
 * org.rl3spark.jobs.config.CanonicalSettings} turns a bound record back into its settings by key,
 * which a training run's identity and config hash are computed from.
 *
 * <p>{@link org.rl3spark.jobs.config.Limits} holds the upper bound of every count, size and length
 * key ({@link org.rl3spark.jobs.config.Bound}: a soft part that {@code limits.allow-large} lifts, a
 * hard part that nothing lifts); {@link org.rl3spark.jobs.config.LimitChecks} applies them before
 * the records are read.
 */
package org.rl3spark.jobs.config;
