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
 * @param err where the job reports what went wrong and what it did instead (a damaged checkpoint
 *     moved aside, an older one used)
 */
public record JobContext(
    SparkSession spark, LoadedConfig loaded, RunInfo run, PrintStream out, PrintStream err) {

  /** Requires every field. */
  public JobContext {
    Objects.requireNonNull(spark, "spark");
    Objects.requireNonNull(loaded, "loaded");
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
  }

  /** A context reporting problems on {@code System.err}. */
  public JobContext(SparkSession spark, LoadedConfig loaded, RunInfo run, PrintStream out) {
    this(spark, loaded, run, out, System.err);
  }

  /** Prints a warning line, {@code rl3 <job>: <text>}, on {@link #err}. */
  public void warn(String text) {
    err.println("rl3 " + run.job() + ": " + text);
    err.flush();
  }

  /** The validated config. */
  public Rl3Config config() {
    return loaded.config();
  }
}
