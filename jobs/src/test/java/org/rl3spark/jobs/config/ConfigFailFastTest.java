package org.rl3spark.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rl3spark.jobs.NeverOpenedSessions;
import org.rl3spark.jobs.Rl3;
import org.rl3spark.jobs.SparkTestSessions;
import org.rl3spark.jobs.TestConfigs;

/**
 * R13: a config with many problems fails before any Spark context exists, with one message that
 * lists every problem, and without touching the network.
 */
class ConfigFailFastTest {

  @TempDir Path dir;

  /** One broken config per row of the R13 table, all in one file. */
  private String brokenConfig(int port) {
    return String.join(
        "\n",
        "include url(\"http://127.0.0.1:" + port + "/evil.conf\")",
        "include required(\"missing.conf\")",
        "master-seed = -1",
        "tasks.count = null",
        "tasks.cout = 5",
        "family.bandits.arms = \"five\"",
        "family.mdps.alpha = 0",
        "demo.count = 0",
        "output.dir = \"../../etc\"",
        "spark.conf.\"spark.sql.files.ignoreCorruptFiles\" = true",
        "spark.conf.\"spark.task.maxFailures\" = 0",
        "family.gridworld.variant = ${NOPE}",
        "");
  }

  @Test
  void everyProblemIsListedInOneException() throws Exception {
    try (ServerSocket server = new ServerSocket(0)) {
      Path conf = TestConfigs.write(dir, "broken.conf", brokenConfig(server.getLocalPort()));

      ConfigProblems e =
          catchThrowableOfType(
              () -> ConfigLoader.load(conf, List.of(), null, true), ConfigProblems.class);

      assertThat(e).as("one ConfigProblems exception").isNotNull();
      assertThat(e.problems())
          .extracting(ConfigProblem::path)
          .as("every broken key, at its path")
          .contains(
              "master-seed",
              "tasks.count",
              "tasks.cout",
              "family.bandits.arms",
              "family.mdps",
              "demo.count",
              "output.dir",
              "spark.conf.\"spark.sql.files.ignoreCorruptFiles\"",
              "spark.conf.\"spark.task.maxFailures\"",
              "family.gridworld.variant");
      assertThat(e.getMessage())
          .contains("include url(\"http://127.0.0.1:" + server.getLocalPort())
          .contains("URLs are not allowed")
          .contains("include \"missing.conf\": no such file")
          .contains("master-seed: must be >= 0, got -1")
          .contains("tasks.count: is null")
          .contains("tasks.cout: unknown key")
          .contains("did you mean 'count'?")
          .contains("family.bandits.arms: wrong type: expected an integer")
          .contains("alpha (Dirichlet concentration) must be > 0, got 0.0")
          .contains("demo.count: must be > 0, got 0")
          .contains("must not contain '..' segments")
          .contains("silently drop")
          .contains("must be an integer >= 1 (attempts per task), got 0")
          .contains("unresolved substitution ${NOPE}");
      assertThat(e.problems()).hasSize(12);

      server.setSoTimeout(300);
      assertThat(acceptsConnection(server)).as("the url include was never fetched").isFalse();
    }
  }

  @Test
  void commandLineExitsWithCode2AndNeverOpensASession() throws Exception {
    try (ServerSocket server = new ServerSocket(0)) {
      Path conf = TestConfigs.write(dir, "broken.conf", brokenConfig(server.getLocalPort()));
      NeverOpenedSessions spy =
          new NeverOpenedSessions("a session was requested for an invalid config");
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      boolean activeBefore = SparkTestSessions.anyContextActive();

      int code =
          Rl3.run(
              new String[] {"tasks", "--conf", conf.toString()},
              new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8),
              spy);

      assertThat(code).isEqualTo(Rl3.USAGE);
      assertThat(spy.requests()).as("session requests").isZero();
      assertThat(activeBefore).as("precondition: no context before").isFalse();
      assertThat(SparkTestSessions.anyContextActive()).as("no SparkContext created").isFalse();
      String message = err.toString(StandardCharsets.UTF_8);
      assertThat(message).contains("12 problems").contains("tasks.cout").contains("${NOPE}");
    }
  }

  @Test
  void includesInsideTheConfigTreeWorkAndOutsideAreRefused() {
    TestConfigs.write(dir.resolve("conf/sub"), "common.conf", "tasks.count = 77");
    TestConfigs.write(dir, "outside.conf", "tasks.count = 99");
    Path ok = TestConfigs.write(dir.resolve("conf"), "ok.conf", "include \"sub/common.conf\"");
    assertThat(ConfigLoader.load(ok, List.of(), null, false).config().tasks().count())
        .isEqualTo(77);

    Path out =
        TestConfigs.write(
            dir.resolve("conf"),
            "bad.conf",
            "include file(\"" + dir.resolve("outside.conf") + "\")\ninclude classpath(\"x.conf\")");
    ConfigProblems e =
        catchThrowableOfType(
            () -> ConfigLoader.load(out, List.of(), null, false), ConfigProblems.class);
    assertThat(e.getMessage())
        .contains("only files inside")
        .contains("classpath includes are not allowed");
    assertThat(e.problems()).hasSize(2);
  }

  @Test
  void anIncludeCycleIsAConfigErrorNamingTheCycle() {
    TestConfigs.write(dir.resolve("cyc"), "b.conf", "include \"a.conf\"\ntasks.count = 5");
    Path a = TestConfigs.write(dir.resolve("cyc"), "a.conf", "include \"b.conf\"");
    ConfigProblems e =
        catchThrowableOfType(
            () -> ConfigLoader.load(a, List.of(), null, false), ConfigProblems.class);
    assertThat(e).as("a cycle is a config error, not a StackOverflowError").isNotNull();
    assertThat(e.getMessage()).contains("include cycle b.conf -> a.conf -> b.conf");
    Path self = TestConfigs.write(dir.resolve("cyc"), "self.conf", "include \"self.conf\"");
    assertThat(
            catchThrowableOfType(
                    () -> ConfigLoader.load(self, List.of(), null, false), ConfigProblems.class)
                .getMessage())
        .contains("include cycle self.conf -> self.conf");
  }

  /** Issue 16 item 4: HOCON skips an optional include of a missing file; here it is an error. */
  @Test
  void anOptionalIncludeOfAMissingFileIsAnErrorNamingTheFileAndLine() {
    TestConfigs.write(
        dir.resolve("opt"),
        "common.conf",
        "tasks.count = 5\n# include \"gpu.conf\" in a comment is no include\ninclude \"gpu.conf\"");
    Path top =
        TestConfigs.write(
            dir.resolve("opt"),
            "run.conf",
            "include \"common.conf\"\ntasks.family = bandits\ninclude \"sub/absent.conf\"");
    ConfigProblems e =
        catchThrowableOfType(
            () -> ConfigLoader.load(top, List.of(), null, false), ConfigProblems.class);
    assertThat(e).as("a missing optional include is a config error").isNotNull();
    assertThat(e.getMessage())
        .contains("include \"gpu.conf\": no such file")
        .contains(dir.resolve("opt/common.conf").toString() + ", line 3")
        .contains("include \"sub/absent.conf\": no such file")
        .contains(dir.resolve("opt/run.conf").toString() + ", line 3");
    assertThat(e.problems()).hasSize(2);
  }

  @Test
  void syntaxErrorsAreReportedAsProblems() {
    Path conf = TestConfigs.write(dir, "syntax.conf", "tasks { count = 3 \n");
    ConfigProblems e =
        catchThrowableOfType(
            () -> ConfigLoader.load(conf, List.of(), null, false), ConfigProblems.class);
    assertThat(e.problems()).hasSize(1);
    assertThat(e.problems().get(0).path()).isEqualTo(ConfigProblem.FILE);
    assertThat(e.getMessage()).contains("syntax.conf");
  }

  private static boolean acceptsConnection(ServerSocket server) throws Exception {
    try {
      server.accept().close();
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }
}
