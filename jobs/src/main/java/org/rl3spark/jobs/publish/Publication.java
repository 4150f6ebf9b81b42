package org.rl3spark.jobs.publish;

import java.util.List;
import java.util.function.Function;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.rl3spark.jobs.JobContext;
import org.rl3spark.jobs.spark.SparkSessions;
import org.rl3spark.jobs.testing.FaultInjection;

/**
 * The publication step of every job that publishes an output, written once:
 *
 * <ol>
 *   <li>begin a {@link StagedOutput} beside the target (restoring a result an interrupted publish
 *       left aside, removing the staging directories of killed runs, each reported on the job's
 *       output);
 *   <li>the job writes into the staging directory;
 *   <li>the {@code testing.fail-before-publish} hook ({@link FaultInjection#beforePublish});
 *   <li>publish with the {@link Manifest} of the datasets written.
 * </ol>
 *
 * <p>On any failure it waits up to {@link SparkSessions#ABORT_WAIT_MILLIS} for Spark's running
 * tasks to stop (a failed stage's other tasks may still be writing into the staging directory),
 * deletes the staging directory and rethrows: a previous result at the target is untouched.
 */
public final class Publication {

  private Publication() {}

  /** What a job writes into its staging directory. */
  @FunctionalInterface
  public interface Writer<T> {
    /**
     * Writes the output.
     *
     * @param staging the staging directory (it holds only its owner marker)
     * @param fs the file system of the staging directory and the target
     * @return what the job reports once published
     */
    T write(Path staging, FileSystem fs) throws Exception;
  }

  /**
   * A published output.
   *
   * @param target where it was published
   * @param written what the writer returned
   */
  public record Published<T>(Path target, T written) {}

  /**
   * Writes and publishes one output.
   *
   * @param target the directory to publish (a path or URI)
   * @param writer writes the output into the staging directory
   * @param datasets the manifest's datasets, from what the writer returned
   */
  public static <T> Published<T> publish(
      JobContext ctx,
      String target,
      Writer<T> writer,
      Function<? super T, List<DatasetEntry>> datasets)
      throws Exception {
    return publish(ctx, target, writer, datasets, List.of());
  }

  /**
   * Writes and publishes one output whose run fell back on something its config named (recorded in
   * the manifest, see {@link Manifest.Fallback}).
   */
  public static <T> Published<T> publish(
      JobContext ctx,
      String target,
      Writer<T> writer,
      Function<? super T, List<DatasetEntry>> datasets,
      List<Manifest.Fallback> fallbacks)
      throws Exception {
    SparkSession spark = ctx.spark();
    StagedOutput out =
        StagedOutput.begin(
            target,
            ctx.run().runId(),
            spark.sparkContext().hadoopConfiguration(),
            ctx.out()::println);
    try {
      T written = writer.write(out.staging(), out.fileSystem());
      FaultInjection.beforePublish(ctx.config().testing());
      out.publish(manifest(ctx, datasets.apply(written), fallbacks));
      return new Published<>(out.target(), written);
    } catch (Exception | Error e) {
      SparkSessions.awaitIdle(spark, SparkSessions.ABORT_WAIT_MILLIS);
      out.abort();
      throw e;
    }
  }

  /**
   * The manifest of this run for {@code datasets}: the one {@link #publish} writes, and the one of
   * a part of an output that carries its own (the demo job's task sets).
   */
  public static Manifest manifest(JobContext ctx, List<DatasetEntry> datasets) {
    return manifest(ctx, datasets, List.of());
  }

  private static Manifest manifest(
      JobContext ctx, List<DatasetEntry> datasets, List<Manifest.Fallback> fallbacks) {
    return Manifest.create(
        ctx.run(),
        ctx.config().masterSeed(),
        ctx.loaded().resolvedJson(),
        ctx.spark().version(),
        datasets,
        fallbacks);
  }
}
