package org.rl3spark.jobs.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rl3spark.jobs.Rl3;
import org.rl3spark.jobs.SparkTestSessions;
import org.rl3spark.jobs.TestConfigs;
import org.rl3spark.jobs.tasks.TaskSchemas;
import org.rl3spark.jobs.testing.FaultInjection;

/**
 * R5 and R6: a task commit that fails once is retried without changing the rows; a failed rewrite
 * keeps the published result. v1 is published; then runs that fail (before publishing, in one Spark
 * task on every attempt, or in the job commit) exit non-zero and leave v1's rows and manifest in
 * place, and no staging directory behind.
 */
class FailedRewriteTest {

  private static SparkSession spark;

  @TempDir Path dir;

  private Path conf;
  private Path target;

  @BeforeAll
  static void startSpark() {
    spark = SparkTestSessions.start("local[2,2]");
  }

  @AfterAll
  static void stopSpark() {
    SparkTestSessions.stop(spark);
  }

  @BeforeEach
  void writeConfig() {
    conf =
        TestConfigs.write(
            dir,
            "bandits.conf",
            "tasks { family = bandits, split = train, count = 50 }\n"
                + "output.dir = \""
                + dir.resolve("out")
                + "\"");
    target = dir.resolve("out/tasks/bandits/k5/train");
  }

  /** Result of one in-process command. */
  private record Result(int code, String err) {}

  private Result rl3(String... sets) {
    List<String> args = new java.util.ArrayList<>(List.of("tasks", "--conf", conf.toString()));
    for (String s : sets) {
      args.add("--set");
      args.add(s);
    }
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Rl3.run(
            args.toArray(String[]::new),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            SparkTestSessions.shared(spark));
    return new Result(code, err.toString(StandardCharsets.UTF_8));
  }

  private List<Row> publishedRows() {
    return PublishedDataset.open(spark, target.toString(), TaskSchemas.expected("bandits"))
        .rows()
        .collectAsList()
        .stream()
        .sorted(Comparator.comparingLong(r -> r.<Long>getAs(TaskSchemas.TASK_INDEX)))
        .toList();
  }

  private String manifest() throws Exception {
    return Files.readString(target.resolve(Manifest.FILE_NAME));
  }

  private List<String> besideTarget() throws Exception {
    try (Stream<Path> s = Files.list(target.getParent())) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private void assertV1Intact(List<Row> v1Rows, String v1Manifest) throws Exception {
    assertThat(manifest()).as("v1's manifest").isEqualTo(v1Manifest);
    assertThat(publishedRows()).as("v1's rows").isEqualTo(v1Rows);
    assertThat(besideTarget()).as("no staging or previous directory left").containsExactly("train");
  }

  @Test
  void failureBeforePublishKeepsV1() throws Exception {
    assertThat(rl3().code()).isEqualTo(Rl3.OK);
    List<Row> v1 = publishedRows();
    String v1Manifest = manifest();
    assertThat(v1).hasSize(50);

    Result r = rl3("tasks.count=60", "testing.fail-before-publish=true");

    assertThat(r.code()).isEqualTo(Rl3.FAILED);
    assertThat(r.err()).contains("nothing published").contains(FaultInjection.MARKER);
    assertV1Intact(v1, v1Manifest);
  }

  @Test
  void taskFailingOnEveryAttemptKeepsV1() throws Exception {
    assertThat(rl3().code()).isEqualTo(Rl3.OK);
    List<Row> v1 = publishedRows();
    String v1Manifest = manifest();

    Result r = rl3("tasks.count=60", "testing.fail-always-at-index=5");

    assertThat(r.code()).isEqualTo(Rl3.FAILED);
    assertThat(r.err()).contains("nothing published");
    assertV1Intact(v1, v1Manifest);
  }

  /** Runs the tasks job with commit failures of the given kind. */
  private Result withCommitFailures(FailingCommitProtocol.Mode mode, String... sets) {
    spark.conf().set(FailingCommitProtocol.KEY, FailingCommitProtocol.class.getName());
    FailingCommitProtocol.mode = mode;
    try {
      return rl3(sets);
    } finally {
      FailingCommitProtocol.mode = FailingCommitProtocol.Mode.OFF;
      spark.conf().unset(FailingCommitProtocol.KEY);
    }
  }

  private List<String> temporaryDirs() throws Exception {
    try (Stream<Path> s = Files.walk(dir.resolve("out"))) {
      return s.map(Path::toString).filter(p -> p.contains("_temporary")).toList();
    }
  }

  /** R5: a task commit that fails once is retried; the result equals the fault-free one. */
  @Test
  void aTaskCommitFailingOnceIsRetriedAndChangesNothing() throws Exception {
    assertThat(rl3().code()).isEqualTo(Rl3.OK);
    List<Row> baseline = publishedRows();
    int before = FailingCommitProtocol.TASK_FAILURES.get();

    Result r = withCommitFailures(FailingCommitProtocol.Mode.TASK_ONCE);

    assertThat(r.code()).as("exit code; stderr: %s", r.err()).isEqualTo(Rl3.OK);
    assertThat(FailingCommitProtocol.TASK_FAILURES.get())
        .as("task commit failures injected")
        .isGreaterThan(before);
    assertThat(publishedRows())
        .as("rows of the fault-free run, keys unique (checked on open)")
        .isEqualTo(baseline);
    assertThat(temporaryDirs()).as("_temporary directories").isEmpty();
    assertThat(besideTarget()).containsExactly("train");
  }

  /** R6: a job commit that fails publishes nothing; the previous result stays as it was. */
  @Test
  void aFailingJobCommitKeepsV1() throws Exception {
    assertThat(rl3().code()).isEqualTo(Rl3.OK);
    List<Row> v1 = publishedRows();
    String v1Manifest = manifest();
    int before = FailingCommitProtocol.JOB_FAILURES.get();

    Result r = withCommitFailures(FailingCommitProtocol.Mode.JOB, "tasks.count=60");

    assertThat(FailingCommitProtocol.JOB_FAILURES.get())
        .as("job commit failures injected")
        .isGreaterThan(before);
    assertThat(r.code()).isEqualTo(Rl3.FAILED);
    assertThat(r.err())
        .contains("nothing published")
        .contains(FailingCommitProtocol.MARKER + ": job commit");
    assertV1Intact(v1, v1Manifest);
    assertThat(temporaryDirs()).as("_temporary directories").isEmpty();
  }

  @Test
  void resultLeftAsideByACrashIsRestoredAndASuccessfulRunReplacesIt() throws Exception {
    assertThat(rl3().code()).isEqualTo(Rl3.OK);
    List<Row> v1 = publishedRows();
    String v1Manifest = manifest();
    Files.move(target, target.resolveSibling(".train.previous-crashed"));

    assertThat(rl3("testing.fail-before-publish=true").code()).isEqualTo(Rl3.FAILED);
    assertV1Intact(v1, v1Manifest);

    assertThat(rl3("tasks.count=70").code()).isEqualTo(Rl3.OK);
    assertThat(publishedRows()).hasSize(70).startsWith(v1.toArray(Row[]::new));
    assertThat(manifest()).isNotEqualTo(v1Manifest).contains("\"rows\" : 70");
    assertThat(besideTarget()).containsExactly("train");
  }
}
