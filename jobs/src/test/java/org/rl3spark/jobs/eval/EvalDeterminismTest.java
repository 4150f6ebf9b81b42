package org.rl3spark.jobs.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.spark.ExceptionFailure;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.rl3spark.jobs.SparkTestSessions;
import org.rl3spark.jobs.TestConfigs;
import org.rl3spark.jobs.config.LoadedConfig;
import org.rl3spark.jobs.testing.FaultInjection;

/**
 * R1/R3/R6 for evaluate and rollout: per-task rows and trajectories do not depend on the number of
 * threads, the number of partitions or task retries, and the summary files are byte-identical; a
 * failed rewrite keeps the published result. The baseline runs on local[1]; the comparisons on
 * local[2,4] (which retries failed tasks); the retry guard on plain local[2] (which does not, so
 * the injected failure must fail the job).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EvalDeterminismTest {

  /** Every policy that draws random numbers, on one set of each family. */
  private static final String EVAL =
      String.join(
          "\n",
          "evaluate {",
          "  name = det",
          "  count = 16",
          "  sets = [",
          "    { family = bandits, split = ood }",
          "    { family = mdps, split = test }",
          "    { family = gridworld, variant = \"13x13_dense\", split = ood }",
          "  ]",
          "  budgets = [40, 10]",
          "  policies = [random, oracle, thompson, \"ots_rl2(samples=3)\", \"gittins(gamma=0.9)\",",
          "    \"epsilon_greedy(eps=0.3)\", \"ucb1_rl2(c=0.2)\", \"psrl(mu0=0)\",",
          "    \"opsrl(samples=2)\", \"ucrl2(scaling=0.1)\", \"beb(scaling=0.01)\"]",
          "  progress-seconds = 0",
          "}");

  private static final String ROLLOUT =
      "rollout { family = mdps, split = ood, count = 10, budget = 30, episodes = 2,"
          + " policy = \"opsrl(samples=3)\" }";
  private static final long FAIL_AT = 5;
  private static final int SETS = 3;

  @TempDir static Path dir;

  private SparkSession spark;
  private EvalRuns.Evaluation baseline;
  private List<Row> rolloutBaseline;
  private int runs;

  private Path fresh() {
    return dir.resolve("run-" + runs++);
  }

  private EvalRuns.Evaluation evaluate(String... sets) throws Exception {
    return EvalRuns.evaluate(spark, dir, fresh(), EVAL, sets);
  }

  private List<Row> rollout(String... sets) throws Exception {
    return EvalRuns.rollout(spark, dir, fresh(), ROLLOUT, sets);
  }

  private static void assertSame(
      EvalRuns.Evaluation actual, EvalRuns.Evaluation expected, String what) {
    assertThat(actual.rows()).as("per-task rows, %s", what).isEqualTo(expected.rows());
    assertThat(actual.csv()).as("summary.csv bytes, %s", what).isEqualTo(expected.csv());
    assertThat(actual.markdown()).as("summary.md bytes, %s", what).isEqualTo(expected.markdown());
    assertThat(actual.summaryRows())
        .as("summary Parquet, %s", what)
        .isEqualTo(expected.summaryRows());
  }

  @BeforeAll
  void baselineOnOneThread() throws Exception {
    spark = SparkTestSessions.start("local[1]");
    baseline = evaluate();
    rolloutBaseline = rollout();
    SparkTestSessions.stop(spark);
    spark = SparkTestSessions.start("local[2,4]");
    assertThat(baseline.rows()).hasSize(16 * 2 * (7 + 7 + 2));
    assertThat(rolloutBaseline).hasSize(10 * 2 * 30);
  }

  @AfterAll
  void stopSpark() {
    SparkTestSessions.stop(spark);
  }

  @Test
  @Order(1)
  void rowsAndSummaryDoNotDependOnThreadsOrPartitions() throws Exception {
    for (int partitions : new int[] {1, 3, 16}) {
      String p = "spark.partitions=" + partitions;
      EvalRuns.Evaluation e = evaluate(p);
      assertSame(e, baseline, "local[2], " + p);
      long files;
      try (Stream<Path> s = Files.list(e.path().resolve(EvaluateJob.RESULTS_DIR))) {
        files = s.filter(f -> f.getFileName().toString().endsWith(".parquet")).count();
      }
      assertThat(files).as("data files with %s", p).isEqualTo(partitions);
    }
    assertThat(rollout("spark.partitions=3"))
        .as("trajectories, local[2], 3 partitions")
        .isEqualTo(rolloutBaseline);
  }

  @Test
  @Order(2)
  void retriedTasksReproduceTheirRowsAndTheSummary() throws Exception {
    AtomicInteger injected = new AtomicInteger();
    SparkListener listener =
        new SparkListener() {
          @Override
          public void onTaskEnd(SparkListenerTaskEnd end) {
            if (end.reason() instanceof ExceptionFailure f
                && f.fullStackTrace().contains(FaultInjection.MARKER)) {
              injected.incrementAndGet();
            }
          }
        };
    spark.sparkContext().addSparkListener(listener);
    try {
      EvalRuns.Evaluation e =
          evaluate("testing.fail-once-at-index=" + FAIL_AT, "spark.partitions=3");
      SparkTestSessions.drainListeners(spark);
      assertThat(injected.get()).as("injected failures (index 5 of each set)").isEqualTo(SETS);
      assertSame(e, baseline, "after retries");
      List<Row> r = rollout("testing.fail-once-at-index=" + FAIL_AT, "spark.partitions=3");
      SparkTestSessions.drainListeners(spark);
      assertThat(injected.get()).as("injected failures, with the rollout's").isEqualTo(SETS + 1);
      assertThat(r).as("trajectories after a retry").isEqualTo(rolloutBaseline);
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
  }

  @Test
  @Order(3)
  void aFailedRewriteKeepsThePublishedResult() throws Exception {
    Path out = fresh();
    EvalRuns.Evaluation v1 = EvalRuns.evaluate(spark, dir, out, EVAL);
    for (String hook :
        List.of("testing.fail-before-publish=true", "testing.fail-always-at-index=3")) {
      LoadedConfig v2 =
          EvalRuns.config(dir, out, EVAL, hook, "evaluate.count=20", "evaluate.budgets=[12]");
      Throwable failure =
          catchThrowable(() -> new EvaluateJob().run(TestConfigs.context(spark, v2, "evaluate")));
      assertThat(failure).as(hook).isNotNull().hasStackTraceContaining(FaultInjection.MARKER);
      EvalRuns.Evaluation after = EvalRuns.read(spark, v1.path());
      assertSame(after, v1, "after a failed rewrite (" + hook + ")");
      assertThat(after.manifest()).as("v1's manifest").isEqualTo(v1.manifest());
      try (Stream<Path> s = Files.list(v1.path().getParent())) {
        assertThat(s.map(p -> p.getFileName().toString()))
            .as("no staging or previous directory left (%s)", hook)
            .containsExactly("det");
      }
    }
  }

  @Test
  @Order(4)
  void withoutRetriesTheSameHookFailsTheJob() throws Exception {
    SparkTestSessions.stop(spark);
    spark = SparkTestSessions.start("local[2]");
    Path out = fresh();
    LoadedConfig config = EvalRuns.config(dir, out, EVAL, "testing.fail-once-at-index=" + FAIL_AT);

    Throwable failure =
        catchThrowable(() -> new EvaluateJob().run(TestConfigs.context(spark, config, "evaluate")));

    assertThat(failure).as("plain local[2] does not retry").isNotNull();
    assertThat(failure).hasStackTraceContaining(FaultInjection.MARKER);
    try (Stream<Path> left = Files.list(out.resolve("eval"))) {
      assertThat(left).as("nothing published, no staging left").isEmpty();
    }
  }
}
