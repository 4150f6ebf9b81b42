package org.rl3spark.jobs.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rl3spark.core.analysis.Closeness;
import org.rl3spark.core.analysis.TableSet;
import org.rl3spark.jobs.Job;
import org.rl3spark.jobs.SparkTestSessions;
import org.rl3spark.jobs.TestConfigs;
import org.rl3spark.jobs.config.EstimatesConfig;
import org.rl3spark.jobs.config.LoadedConfig;
import org.rl3spark.jobs.config.MdpSetting;
import org.rl3spark.jobs.publish.Manifest;
import org.rl3spark.jobs.publish.PublishedDataset;

/**
 * The three Appendix D jobs end to end on small inputs (shared local[2] session): outputs exist
 * with the expected schema and row counts, and the counts match a naive count on the driver.
 */
class AnalysisJobsTest {

  private static SparkSession spark;

  @TempDir Path dir;

  @BeforeAll
  static void startSpark() {
    spark = SparkTestSessions.start("local[2]");
  }

  @AfterAll
  static void stopSpark() {
    SparkTestSessions.stop(spark);
  }

  /** A published run: its rows (as read back and validated) and its report. */
  record Run(
      LoadedConfig config, Path out, PublishedDataset dataset, List<Row> rows, String report) {}

  static Run run(SparkSession spark, Path dir, Job job, String hocon) throws Exception {
    Path outDir = dir.resolve("out");
    LoadedConfig config = TestConfigs.load(dir, hocon + "\noutput.dir = \"" + outDir + "\"");
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    String published = job.run(TestConfigs.context(spark, config, job.name(), report));
    PublishedDataset ds =
        PublishedDataset.open(
            spark,
            published,
            job instanceof QuniqueJob
                ? QuniqueJob.EXPECTED
                : job instanceof QdupJob ? QdupJob.EXPECTED : QclassifyJob.EXPECTED);
    return new Run(
        config,
        Path.of(published.replaceFirst("^file:", "")),
        ds,
        ds.rows().collectAsList(),
        report.toString(StandardCharsets.UTF_8));
  }

  static final String QUNIQUE =
      "analysis.qunique { n-mdps = 400, deltas = [0.25, 0.5, 1.0],"
          + " settings = [{alpha = 0.1, beta = 0.5}, {alpha = 1.0, beta = 1.0}], block-size = 64 }";

  @Test
  void quniqueWritesOneRowPerSettingDeltaAndMethodAndTheMethodsAgree() throws Exception {
    Run r = run(spark, dir, new QuniqueJob(), QUNIQUE);
    assertThat(r.dataset().rows().schema().fieldNames())
        .containsExactly(
            "alpha",
            "beta",
            "n_mdps",
            "delta",
            "method",
            "pairs",
            "close_pairs",
            "probability",
            "seconds");
    assertThat(r.rows()).hasSize(2 * 3 * 2);
    assertThat(Files.readAllLines(r.out().resolve(ResultTable.SUMMARY_FILE)))
        .hasSize(13)
        .first()
        .isEqualTo("alpha,beta,n_mdps,delta,method,pairs,close_pairs,probability,seconds");
    assertThat(r.out().resolve(Manifest.FILE_NAME)).exists();

    Map<String, Long> allPairs = new LinkedHashMap<>();
    for (Row row : r.rows()) {
      assertThat(row.<Long>getAs("pairs")).isEqualTo(400L * 399 / 2);
      assertThat(row.<Double>getAs("probability"))
          .isCloseTo(row.<Long>getAs("close_pairs") / (400.0 * 399 / 2), within(1e-15));
      String key = row.getAs("alpha") + "/" + row.getAs("beta") + "/" + row.getAs("delta");
      if (row.getAs("method").equals("all-pairs")) {
        allPairs.put(key, row.getAs("close_pairs"));
      }
    }
    for (Row row : r.rows()) {
      String key = row.getAs("alpha") + "/" + row.getAs("beta") + "/" + row.getAs("delta");
      assertThat(row.<Long>getAs("close_pairs")).as(key).isEqualTo(allPairs.get(key));
    }

    // A naive count on the driver for one setting and threshold.
    MdpSetting s = new MdpSetting(0.1, 0.5);
    double[][] q = new double[400][];
    for (int i = 0; i < 400; i++) {
      q[i] = AppendixDMdps.optimalQ(42, s, i, 10, 1.0);
    }
    long naive = 0;
    for (int i = 0; i < 400; i++) {
      for (int j = i + 1; j < 400; j++) {
        naive += Closeness.close(q[i], q[j], 0.5) ? 1 : 0;
      }
    }
    assertThat(naive).as("enough close pairs to mean something").isGreaterThan(5);
    assertThat(allPairs.get("0.1/0.5/0.5")).isEqualTo(naive);
  }

  @Test
  void disagreeingMethodsFailLoudly() {
    Map<String, long[]> counts = new LinkedHashMap<>();
    counts.put("all-pairs", new long[] {3, 10});
    counts.put("grid", new long[] {3, 11});
    assertThatThrownBy(
            () -> QuniqueJob.checkAgreement(new MdpSetting(1, 1), new double[] {0.1, 0.5}, counts))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("disagree")
        .hasMessageContaining("delta 0.5")
        .hasMessageContaining("nothing is published");
    List<QdupJob.StepCount> steps =
        List.of(
            new QdupJob.StepCount(1, 0.1, "all-pairs", 5, 8),
            new QdupJob.StepCount(1, 0.1, "grid", 5, 9));
    assertThatThrownBy(() -> QdupJob.rows(steps, 100, List.of("all-pairs", "grid")))
        .hasMessageContaining("disagree");
  }

  static final String QDUP =
      "analysis.estimates { steps = 12 }\nanalysis.qdup { n-mdps = 300, deltas = [0.1, 0.5] }";

  @Test
  void qdupWritesOneRowPerStepAndDeltaMatchingANaiveCount() throws Exception {
    Run r = run(spark, dir, new QdupJob(), QDUP);
    assertThat(r.dataset().rows().schema().fieldNames())
        .containsExactly(
            "step",
            "delta",
            "n_mdps",
            "pairs",
            "close_pairs",
            "close_pair_fraction",
            "mdps_with_close",
            "mdps_with_close_fraction");
    List<Row> rows =
        r.rows().stream()
            .sorted(
                Comparator.comparingInt((Row x) -> x.getAs("step"))
                    .thenComparingDouble(x -> x.getAs("delta")))
            .toList();
    assertThat(rows).hasSize(12 * 2);
    assertThat(rows.get(0).<Integer>getAs("step")).isEqualTo(1);
    assertThat(rows.get(23).<Integer>getAs("step")).isEqualTo(12);

    // Step 6, δ 0.5, by a naive loop over the estimates of test rollout 0.
    EstimatesConfig e = r.config().config().analysis().estimates();
    double[][] q = new double[300][];
    for (int i = 0; i < 300; i++) {
      q[i] = AppendixDMdps.estimates(42, e, i, AppendixDMdps.TEST, 0)[5];
    }
    long close = 0;
    boolean[] with = new boolean[300];
    for (int i = 0; i < 300; i++) {
      for (int j = i + 1; j < 300; j++) {
        if (Closeness.close(q[i], q[j], 0.5)) {
          close++;
          with[i] = true;
          with[j] = true;
        }
      }
    }
    long withCount = 0;
    for (boolean w : with) {
      withCount += w ? 1 : 0;
    }
    Row step6 = rows.get(2 * 5 + 1);
    assertThat(step6.<Integer>getAs("step")).isEqualTo(6);
    assertThat(step6.<Double>getAs("delta")).isEqualTo(0.5);
    assertThat(close).as("enough close pairs to mean something").isGreaterThan(3);
    assertThat(step6.<Long>getAs("close_pairs")).isEqualTo(close);
    assertThat(step6.<Long>getAs("mdps_with_close")).isEqualTo(withCount);
    assertThat(step6.<Double>getAs("mdps_with_close_fraction")).isEqualTo(withCount / 300.0);
    assertThat(step6.<Long>getAs("pairs")).isEqualTo(TableSet.pairsOf(300));
  }

  @Test
  void qclassifyRefusesStepsBeyondTheEstimatesBeforeAnyWork() {
    LoadedConfig c =
        TestConfigs.load(dir, "analysis.estimates.steps = 20\nanalysis.qclassify.steps = [10, 30]");
    assertThatThrownBy(
            () ->
                QclassifyJob.evaluatedSteps(
                    c.config().analysis().estimates(), c.config().analysis().qclassify()))
        .hasMessageContaining("step 30")
        .hasMessageContaining("analysis.estimates.steps = 20");
  }

  static final String QCLASSIFY =
      "analysis.estimates { steps = 20, noise-std = 0 }\n"
          + "analysis.qclassify { n-mdps = 60, train-rollouts = 4, test-rollouts = 2,"
          + " steps = [2, 20], epochs = 30, batch-size = 64, learning-rate = 0.01 }";

  @Test
  void qclassifyWritesOneRowPerStep() throws Exception {
    Run r = run(spark, dir, new QclassifyJob(), QCLASSIFY);
    assertThat(r.dataset().rows().schema().fieldNames())
        .containsExactly(
            "step",
            "n_classes",
            "train_examples",
            "test_examples",
            "accuracy",
            "train_accuracy",
            "nearest_mean_accuracy",
            "training",
            "seconds");
    List<Row> rows =
        r.rows().stream().sorted(Comparator.comparingInt((Row x) -> x.getAs("step"))).toList();
    assertThat(rows).extracting(x -> x.<Integer>getAs("step")).containsExactly(2, 20);
    for (Row row : rows) {
      assertThat(row.<Long>getAs("n_classes")).isEqualTo(60);
      assertThat(row.<Long>getAs("train_examples")).isEqualTo(240);
      assertThat(row.<Long>getAs("test_examples")).isEqualTo(120);
      assertThat(row.<String>getAs("training")).isEqualTo("tasks");
      assertThat(row.<Double>getAs("accuracy")).isBetween(0.0, 1.0);
    }
    // After 20 noise-free steps most of 60 MDPs are told apart, far above chance (1/60); after 2
    // steps much less so.
    assertThat(rows.get(1).<Double>getAs("accuracy")).isGreaterThan(0.5);
    assertThat(rows.get(1).<Double>getAs("nearest_mean_accuracy")).isGreaterThan(0.5);
    assertThat(rows.get(0).<Double>getAs("accuracy"))
        .isLessThan(rows.get(1).<Double>getAs("accuracy"));
  }
}
