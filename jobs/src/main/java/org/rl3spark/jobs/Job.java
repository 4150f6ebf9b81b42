package org.rl3spark.jobs;

import org.rl3spark.jobs.config.Rl3Config;

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
   * Where the job writes: checked for writability before any Spark session exists.
   *
   * @param key the config key that sets it (named in the message)
   * @param dir the directory
   */
  record Output(String key, String dir) {}

  /** Where the job writes under; {@code output.dir} ({@code --out}) unless it says otherwise. */
  default Output output(Rl3Config config) {
    return new Output("output.dir", config.output().dir());
  }

  /**
   * Runs the job on a validated config and an open session, publishing its output.
   *
   * @return the published output directory
   * @throws Exception if the job fails; nothing is published then
   */
  String run(JobContext context) throws Exception;
}
