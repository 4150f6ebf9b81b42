package org.rl3spark.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing of the rl3 command line and its exit codes (no Spark). */
class CommandLineTest {

  @TempDir Path dir;

  /** Result of one in-process run. */
  private record Result(int code, String out, String err) {}

  private static final SessionProvider NO_SESSIONS =
      new NeverOpenedSessions("no session may be opened by this test");

  private static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Rl3.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            NO_SESSIONS);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Path conf() {
    return TestConfigs.write(dir, "c.conf", "tasks.count = 5");
  }

  @Test
  void parsesSetsOutAndBothFlagForms() throws Exception {
    Path c = conf();
    CommandLine cl =
        CommandLine.parse(
            "tasks",
            "--conf",
            c.toString(),
            "--set",
            "tasks.count=50",
            "--set=x=[1,2]",
            "--out",
            "/tmp/o");
    assertThat(cl.job()).isEqualTo("tasks");
    assertThat(cl.conf()).isEqualTo(c);
    assertThat(cl.sets()).containsExactly("tasks.count=50", "x=[1,2]");
    assertThat(cl.out()).isEqualTo("/tmp/o");
    assertThat(CommandLine.parse("demo", "--conf=" + c).out()).isNull();
  }

  @Test
  void helpAndJobsListEveryJobAndExitZero() {
    Result help = run("--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains(CommandLine.USAGE).contains("tasks").contains("demo");
    Result jobs = run("jobs");
    assertThat(jobs.code()).isZero();
    List<String> registered = new java.util.ArrayList<>();
    JobRegistry.names().forEach(registered::add);
    assertThat(registered)
        .contains("tasks", "demo", "rollout", "evaluate", "qunique", "qdup", "qclassify");
    assertThat(jobs.out().lines().filter(l -> l.startsWith("  ")).toList())
        .as("one line per job")
        .hasSize(registered.size())
        .allSatisfy(l -> assertThat(registered).contains(l.trim().split("\\s+")[0]));
  }

  @Test
  void usageErrorsExitWithCode2AndOneLineNamingTheProblem() {
    String c = conf().toString();
    List<List<String>> cases =
        List.of(
            List.of(),
            List.of("taks", "--conf", c),
            List.of("tasks", "--conf", c, "--frobnicate"),
            List.of("tasks", "--conf", dir.resolve("nope.conf").toString()),
            List.of("tasks"),
            List.of("tasks", "--conf"),
            List.of("tasks", "--conf", c, "--set", "novalue"),
            List.of("tasks", "--conf", c, "stray"),
            List.of("--conf", c),
            List.of("tasks", "--conf", "--out", "/tmp/x"),
            List.of("tasks", "--conf", c, "--out", "--set", "tasks.count=5"),
            List.of("train", "--conf", c, "--resume-from"));
    List<String> expected =
        List.of(
            "missing job name",
            "unknown job 'taks' (did you mean 'tasks'?)",
            "unknown flag '--frobnicate'",
            "config file not found: " + dir.resolve("nope.conf"),
            "missing --conf <file>",
            "--conf needs a file",
            "--set needs key=value, got 'novalue'",
            "unexpected argument 'stray'",
            "missing job name before --conf",
            "--conf needs a file before --out (a value that starts with -- is written"
                + " --conf=<value>)",
            "--out needs a directory before --set",
            "--resume-from needs a directory");
    for (int i = 0; i < cases.size(); i++) {
      Result r = run(cases.get(i).toArray(String[]::new));
      assertThat(r.code()).as("exit code of %s", cases.get(i)).isEqualTo(Rl3.USAGE);
      assertThat(r.err().lines().toList()).as("stderr of %s", cases.get(i)).hasSize(1);
      assertThat(r.err())
          .as("message of %s", cases.get(i))
          .startsWith("rl3: " + expected.get(i))
          .contains(CommandLine.USAGE);
    }
  }

  @Test
  void unknownJobIsRejectedByTheAllowList() {
    assertThatThrownBy(() -> CommandLine.parse("org.rl3spark.jobs.tasks.TasksJob", "--conf", "x"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("unknown job");
  }

  @Test
  void invalidConfigExitsWithCode2BeforeAnySession() {
    Path bad = TestConfigs.write(dir, "bad.conf", "tasks.count = -3\ntasks.famliy = mdps");
    Result r = run("tasks", "--conf", bad.toString());
    assertThat(r.code()).isEqualTo(Rl3.USAGE);
    assertThat(r.err())
        .contains("2 problems")
        .contains("tasks.count: must be > 0, got -3")
        .contains("did you mean 'family'?");
  }
}
