package org.rl3spark.jobs;

import java.io.PrintStream;
import java.util.Objects;
import org.apache.spark.sql.SparkSession;
import org.rl3spark.jobs.config.LoadedConfig;
import org.rl3spark.jobs.config.Rl3Config;
import org.rl3spark.jobs.publish.RunInfo;

/**
 * What a job runs with.
 *
 * @param spark the session
 * @param loaded the validated config and its resolved JSON
 * @param run this run's name, id and start time
 * @param out where the job prints its report (tables, output paths)
 */
public record JobContext(SparkSession spark, LoadedConfig loaded, RunInfo run, PrintStream out) {

  /** Requires every field. */
  public JobContext {
    Objects.requireNonNull(spark, "spark");
    Objects.requireNonNull(loaded, "loaded");
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(out, "out");
  }

  /** The validated config. */
  public Rl3Config config() {
    return loaded.config();
  }
}
