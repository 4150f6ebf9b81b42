package org.rl3spark.jobs.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.rl3spark.jobs.TestConfigs;
import org.rl3spark.jobs.config.LoadedConfig;
import org.rl3spark.jobs.publish.PublishedDataset;

/** Runs the evaluate and rollout jobs in a test's session and reads their published outputs. */
final class EvalRuns {

  private EvalRuns() {}

  /**
   * A published evaluation.
   *
   * @param path the output directory
   * @param rows the per-task rows, sorted by their key
   * @param summaryRows the summary Parquet's rows, in table order
   * @param csv summary.csv
   * @param markdown summary.md
   * @param manifest _MANIFEST.json
   */
  record Evaluation(
      Path path,
      List<Row> rows,
      List<Row> summaryRows,
      String csv,
      String markdown,
      String manifest) {}

  /** Loads {@code hocon} with {@code output.dir = out} and the sets, with testing hooks allowed. */
  static LoadedConfig config(Path dir, Path out, String hocon, String... sets) {
    return TestConfigs.load(dir, hocon + "\noutput.dir = \"" + out + "\"", sets);
  }

  /** Runs evaluate and reads everything it published (validated by {@link PublishedDataset}). */
  static Evaluation evaluate(SparkSession spark, Path dir, Path out, String hocon, String... sets)
      throws Exception {
    LoadedConfig config = config(dir, out, hocon, sets);
    String published = new EvaluateJob().run(TestConfigs.context(spark, config, "evaluate"));
    return read(spark, Path.of(java.net.URI.create(published)));
  }

  /** Reads a published evaluation. */
  static Evaluation read(SparkSession spark, Path path) {
    List<Row> rows =
        PublishedDataset.open(
                spark, path.toString(), EvaluateJob.RESULTS_DIR, EvalSchemas.expectedResults())
            .rows()
            .collectAsList()
            .stream()
            .sorted(RESULT_ORDER)
            .toList();
    List<Row> summary =
        PublishedDataset.open(
                spark, path.toString(), EvaluateJob.SUMMARY_DIR, EvalSchemas.expectedSummary())
            .rows()
            .collectAsList();
    return new Evaluation(
        path,
        rows,
        summary,
        text(path.resolve(EvaluateJob.SUMMARY_CSV)),
        text(path.resolve(EvaluateJob.SUMMARY_MD)),
        text(path.resolve("_MANIFEST.json")));
  }

  /** Runs rollout and returns its validated rows sorted by (task_index, episode, step). */
  static List<Row> rollout(SparkSession spark, Path dir, Path out, String hocon, String... sets)
      throws Exception {
    LoadedConfig config = config(dir, out, hocon, sets);
    String published = new RolloutJob().run(TestConfigs.context(spark, config, "rollout"));
    return PublishedDataset.open(spark, published, EvalSchemas.expectedTrajectories())
        .rows()
        .collectAsList()
        .stream()
        .sorted(
            Comparator.<Row>comparingLong(r -> r.getAs(EvalSchemas.TASK_INDEX))
                .thenComparingInt(r -> r.<Integer>getAs(EvalSchemas.EPISODE))
                .thenComparingInt(r -> r.<Integer>getAs(EvalSchemas.STEP)))
        .toList();
  }

  /** Per-task rows by (family, variant, split, budget, policy, task_index). */
  static final Comparator<Row> RESULT_ORDER =
      Comparator.<Row, String>comparing(r -> r.getAs(EvalSchemas.FAMILY))
          .thenComparing(r -> r.<String>getAs(EvalSchemas.VARIANT))
          .thenComparing(r -> r.<String>getAs(EvalSchemas.SPLIT))
          .thenComparingInt(r -> r.<Integer>getAs(EvalSchemas.BUDGET))
          .thenComparing(r -> r.<String>getAs(EvalSchemas.POLICY))
          .thenComparingLong(r -> r.<Long>getAs(EvalSchemas.TASK_INDEX));

  static String text(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
