package org.rl3spark.jobs;

/**
 * A subcommand of {@code rl3}. Implementations are registered by name in {@link JobRegistry} (never
 * instantiated by a class name from a config).
 */
public interface Job {

  /** The subcommand name, e.g. {@code tasks}. */
  String name();

  /** One line saying what the job does, for {@code rl3 jobs}. */
  String description();

  /**
   * Runs the job on a validated config and an open session, publishing its output.
   *
   * @return the published output directory
   * @throws Exception if the job fails; nothing is published then
   */
  String run(JobContext context) throws Exception;
}
