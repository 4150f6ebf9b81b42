package org.rl3spark.jobs.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rl3spark.jobs.NeverOpenedSessions;
import org.rl3spark.jobs.Rl3;
import org.rl3spark.jobs.TestConfigs;

/**
 * Issue 16, item 3: an unwritable {@code --out} is reported before Spark starts, with the real
 * cause (permission denied), not as a missing directory.
 */
class OutputAccessTest {

  @TempDir Path dir;

  /** A directory this process cannot create files in, or null if it can create them anywhere. */
  private Path readOnlyDirectory() throws Exception {
    Path ro = Files.createDirectories(dir.resolve("ro"));
    Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
    if (OutputAccess.problem(ro.toString()).isPresent()) {
      return ro;
    }
    // Root ignores permission bits; sysfs refuses new files even to root.
    Path sys = Path.of("/sys");
    return Files.isDirectory(sys.resolve("kernel")) ? sys : null;
  }

  @Test
  void aReadOnlyOutputIsReportedAsNotWritableWithTheOsReason() throws Exception {
    Path ro = readOnlyDirectory();
    assumeTrue(ro != null, "no directory this process cannot write");

    String existing = OutputAccess.problem(ro.toString()).orElseThrow();
    String below = OutputAccess.problem(ro.resolve("out/data").toString()).orElseThrow();

    assertThat(existing)
        .isEqualTo("cannot write " + ro + ": " + ro + " is not writable (permission denied)");
    assertThat(below)
        .isEqualTo(
            "cannot create "
                + ro.resolve("out/data")
                + ": its nearest existing directory, "
                + ro
                + ", is not writable (permission denied)")
        .doesNotContain("does not exist");
  }

  @Test
  void aFileInTheWayIsNamed() throws Exception {
    Path file = Files.writeString(dir.resolve("plain.txt"), "x");
    assertThat(OutputAccess.problem(file.resolve("out").toString()))
        .hasValue(
            "cannot create "
                + file.resolve("out")
                + ": its nearest existing directory, "
                + file
                + ", is a file, not a directory");
  }

  @Test
  void writableLocalAndNonLocalOutputsPassAndLeaveNothingBehind() throws Exception {
    assertThat(OutputAccess.problem(dir.resolve("new/out").toString())).isEmpty();
    assertThat(OutputAccess.problem("file://" + dir.resolve("x"))).isEmpty();
    assertThat(OutputAccess.problem("hdfs://namenode:8020/data")).as("not checked").isEmpty();
    try (var s = Files.list(dir)) {
      assertThat(s.toList()).as("no probe file left, nothing created").isEmpty();
    }
  }

  @Test
  void theCommandLineReportsItBeforeOpeningASession() throws Exception {
    Path ro = readOnlyDirectory();
    assumeTrue(ro != null, "no directory this process cannot write");
    Path conf = TestConfigs.write(dir.resolve("conf"), "t.conf", "tasks.count = 5");
    NeverOpenedSessions spy =
        new NeverOpenedSessions("a session was opened for an unwritable output");
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code =
        Rl3.run(
            new String[] {"tasks", "--conf", conf.toString(), "--out", ro + "/data"},
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            spy);

    assertThat(code).isEqualTo(Rl3.USAGE);
    assertThat(spy.requests()).as("sessions opened").isZero();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("rl3 tasks: output.dir: cannot create " + ro + "/data")
        .contains("is not writable (permission denied)");
  }
}
