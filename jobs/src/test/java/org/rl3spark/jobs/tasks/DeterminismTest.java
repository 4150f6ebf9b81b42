package org.rl3spark.jobs.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
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
import org.rl3spark.jobs.publish.PublishedDataset;
import org.rl3spark.jobs.testing.FaultInjection;

/**
 * R1/R3: task rows do not depend on the number of threads, the number of partitions or task
 * retries. The baseline runs on local[1]; the comparisons on local[2,4] (which retries failed
 * tasks); the guard on plain local[2] (which does not, so the injected failure must fail the job).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeterminismTest {

  private static final String MDPS = "tasks { family = mdps, split = test, count = 80 }";
  private static final String GRIDS =
      "tasks { family = gridworld, split = ood, count = 20 }\n"
          + "family.gridworld.variant = 13x13_dense";
  private static final long FAIL_AT = 37;

  @TempDir static Path dir;

  private SparkSession spark;
  private List<Row> mdpsBaseline;
  private List<Row> gridsBaseline;
  private int runs;

  /** A published run: its rows sorted by task index and its number of data files. */
  private record Result(List<Row> rows, long files, String path) {}

  private Result run(String hocon, String... sets) throws Exception {
    Path out = dir.resolve("run-" + runs++);
    LoadedConfig config = TestConfigs.load(dir, hocon + "\noutput.dir = \"" + out + "\"", sets);
    String published = new TasksJob().run(TestConfigs.context(spark, config, "tasks"));
    PublishedDataset ds =
        PublishedDataset.open(
            spark, published, TaskSchemas.expected(config.config().tasks().family()));
    List<Row> rows =
        ds.rows().collectAsList().stream()
            .sorted(Comparator.comparingLong(r -> r.<Long>getAs(TaskSchemas.TASK_INDEX)))
            .toList();
    return new Result(rows, ds.manifest().datasets().get(0).files().size(), published);
  }

  @BeforeAll
  void baselineOnOneThread() throws Exception {
    spark = SparkTestSessions.start("local[1]");
    mdpsBaseline = run(MDPS).rows();
    gridsBaseline = run(GRIDS).rows();
    SparkTestSessions.stop(spark);
    spark = SparkTestSessions.start("local[2,4]");
    assertThat(mdpsBaseline).hasSize(80);
    assertThat(gridsBaseline).hasSize(20);
  }

  @AfterAll
  void stopSpark() {
    SparkTestSessions.stop(spark);
  }

  @Test
  @Order(1)
  void rowsDoNotDependOnThreadsOrPartitions() throws Exception {
    for (int partitions : new int[] {0, 1, 3, 16}) {
      String p = "spark.partitions=" + partitions;
      Result mdps = run(MDPS, p);
      Result grids = run(GRIDS, p);
      assertThat(mdps.rows()).as("mdps rows, local[2], %s", p).isEqualTo(mdpsBaseline);
      assertThat(grids.rows()).as("grid rows, local[2], %s", p).isEqualTo(gridsBaseline);
      long expectedFiles = partitions == 0 ? 4 : partitions;
      assertThat(mdps.files()).as("data files with %s", p).isEqualTo(expectedFiles);
      assertThat(grids.files()).as("data files with %s", p).isEqualTo(expectedFiles);
    }
  }

  @Test
  @Order(2)
  void aRetriedTaskReproducesItsRows() throws Exception {
    AtomicInteger injected = new AtomicInteger();
    AtomicInteger succeeded = new AtomicInteger();
    SparkListener listener =
        new SparkListener() {
          @Override
          public void onTaskEnd(SparkListenerTaskEnd end) {
            if (end.reason() instanceof ExceptionFailure f
                && f.fullStackTrace().contains(FaultInjection.MARKER)) {
              injected.incrementAndGet();
            } else if (end.taskInfo().successful()) {
              succeeded.incrementAndGet();
            }
          }
        };
    spark.sparkContext().addSparkListener(listener);
    try {
      Result r = run(MDPS, "testing.fail-once-at-index=" + FAIL_AT, "spark.partitions=3");
      SparkTestSessions.drainListeners(spark);
      assertThat(injected.get()).as("injected failures seen by Spark").isEqualTo(1);
      assertThat(succeeded.get()).as("successful task attempts").isPositive();
      assertThat(r.rows()).as("rows after a retry").isEqualTo(mdpsBaseline);
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
  }

  @Test
  @Order(3)
  void withoutRetriesTheSameHookFailsTheJob() throws Exception {
    SparkTestSessions.stop(spark);
    spark = SparkTestSessions.start("local[2]");
    Path out = dir.resolve("guard");
    LoadedConfig config =
        TestConfigs.load(
            dir, MDPS + "\noutput.dir = \"" + out + "\"", "testing.fail-once-at-index=" + FAIL_AT);

    Throwable failure =
        catchThrowable(() -> new TasksJob().run(TestConfigs.context(spark, config, "tasks")));

    assertThat(failure).as("plain local[2] does not retry").isNotNull();
    assertThat(failure).hasMessageContaining(FaultInjection.MARKER);
    Path parent = out.resolve("tasks/mdps/s10a5");
    try (Stream<Path> left = Files.list(parent)) {
      assertThat(left).as("nothing published, no staging left").isEmpty();
    }
  }
}
