package org.rl3spark.jobs.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.rl3spark.jobs.ForkedJvm;

/**
 * R16: a local run's JVM paused (SIGSTOP, a suspended machine) for longer than Spark's driver-side
 * heartbeat timeout keeps its executor. Without {@link SparkSessions}' local timeout the driver
 * drops its own executor when the JVM resumes, the executor's heartbeats then fail and it exits the
 * JVM: a training run died that way after a 148 s pause. Here the timeout of the control is 2 s and
 * the pauses 5 s, so each run takes seconds.
 */
@EnabledOnOs(OS.LINUX)
class PausedLocalRunTest {

  @TempDir Path dir;

  @Test
  void aLocalRunSurvivesPausesLongerThanTheHeartbeatTimeout() throws Exception {
    Run protectedRun = pauseThrice("default");
    assertThat(protectedRun.exit).as(protectedRun.log).isEqualTo(0);
    assertThat(protectedRun.log).contains("done 1");
  }

  private record Run(int exit, String log) {}

  private Run pauseThrice(String timeout) throws Exception {
    Path log = dir.resolve("job-" + timeout + ".log");
    Process p = ForkedJvm.start(PausableLocalJob.class, log, "35", timeout);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!(Files.exists(log) && Files.readString(log).contains("started"))) {
      assertThat(p.isAlive())
          .as("the job started: %s", Files.exists(log) ? Files.readString(log) : "")
          .isTrue();
      assertThat(System.nanoTime()).as("the job started in time").isLessThan(deadline);
      Thread.sleep(200);
    }
    Thread.sleep(2000);
    for (int i = 0; i < 3; i++) {
      signal(p, "STOP");
      Thread.sleep(5000);
      signal(p, "CONT");
      Thread.sleep(3000);
    }
    boolean ended = p.waitFor(120, TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly().waitFor();
    }
    return new Run(ended ? p.exitValue() : -1, Files.readString(log));
  }

  private static void signal(Process p, String signal) throws Exception {
    int rc = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
    assertThat(rc).as("kill -" + signal).isEqualTo(0);
  }
}
