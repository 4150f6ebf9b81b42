package org.rl3spark.jobs.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.lang3.tuple.MutablePair;
import org.junit.jupiter.api.Test;
import org.rl3spark.jobs.BuildInfo;
import org.rl3spark.jobs.ForkedJvm;
import org.rl3spark.jobs.Rl3;
import org.rl3spark.jobs.TestConfigs;
import org.rl3spark.learner.policy.Checkpoints;

/**
 * R10 with a real kill and R14's JVM-wide deserialisation filter: a training in a second JVM,
 * started as bin/rl3 starts it (with {@code -Djdk.serialFilter}), is killed with SIGKILL after its
 * second checkpoint; its newest checkpoint is then truncated as well. The resume reports and
 * quarantines the damaged checkpoint, continues from the one before, and ends with the parameters,
 * Adam state and metrics of an uninterrupted run. The same filter rejects a class outside its
 * allow-list.
 */
class KilledTrainingTest extends TrainRuns {

  /** The entropy schedule's length, which would otherwise follow train.iterations. */
  private static final String SCHEDULE = "train.entropy.schedule-iterations=40";

  /** How long the second JVM may take to write its second checkpoint (seconds when idle). */
  private static final long WAIT_MILLIS = TimeUnit.MINUTES.toMillis(20);

  /** Trains {@link TrainJobTest#CONF} in this JVM with a checkpoint every iteration. */
  private Path trainEach(Path out, ByteArrayOutputStream err, String... sets) throws Exception {
    List<String> all = new ArrayList<>(List.of(sets));
    all.add("train.checkpoint-every=1");
    all.add(SCHEDULE);
    return train(out, err, all.toArray(String[]::new));
  }

  @Test
  void aTrainingKilledWithSigkillResumesToTheParametersOfAnUninterruptedRun() throws Exception {
    Path out = dir.resolve("killed");
    Path conf = TestConfigs.write(dir, "killed.conf", TrainJobTest.CONF);
    Path log = dir.resolve("killed.log");
    Process p =
        ForkedJvm.start(
            Rl3.class,
            log,
            "train",
            "--conf",
            conf.toString(),
            "--set",
            "train.iterations=40",
            "--set",
            SCHEDULE,
            "--set",
            "train.checkpoint-every=1",
            "--out",
            out.toString());
    Path run = out.resolve("train/t");
    try {
      long deadline = System.currentTimeMillis() + WAIT_MILLIS;
      while (!Files.exists(Checkpoints.of(run, 2))
          && p.isAlive()
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertThat(Files.exists(Checkpoints.of(run, 2)) && p.isAlive())
          .as(
              "the training wrote its second checkpoint and still runs; its log:%n%s",
              Files.exists(log) ? Files.readString(log) : "")
          .isTrue();
    } finally {
      p.destroyForcibly();
    }
    assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
    assertThat(run.resolve("_MANIFEST.json")).as("the run did not finish").doesNotExist();
    Checkpoints.Scan scan = Checkpoints.scan(run);
    List<String> files;
    try (var w = Files.walk(run.resolve(Checkpoints.DIR))) {
      files =
          w.map(f -> run.relativize(f) + (Files.isRegularFile(f) ? " " + f.toFile().length() : ""))
              .sorted()
              .toList();
    }
    assertThat(scan.skipped())
        .as("checkpoints after the kill: %s%n%s", scan.describe(), files)
        .isEmpty();
    int k = (int) Checkpoints.iteration(scan.newestValid().orElseThrow());
    assertThat(k).isBetween(2, 39);

    Path newest = Checkpoints.of(run, k);
    Files.write(newest.resolve("critic.params"), new byte[] {1, 2, 3});
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Path resumed = trainEach(out, err, "train.iterations=" + (k + 1), "train.resume=true");
    Path whole =
        trainEach(dir.resolve("whole"), new ByteArrayOutputStream(), "train.iterations=" + (k + 1));

    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("checkpoint " + newest + " is damaged (critic.params has 3 bytes")
        .contains("resuming from " + Checkpoints.of(run, k - 1).getFileName());
    assertThat(
            run.resolve("quarantine")
                .resolve(newest.getFileName() + "-truncated")
                .resolve("critic.params"))
        .hasBinaryContent(new byte[] {1, 2, 3});
    for (String f : List.of("actor.params", "actor.updater", "critic.params", "critic.updater")) {
      assertThat(Files.readAllBytes(Checkpoints.of(resumed, k + 1).resolve(f)))
          .as(f)
          .isEqualTo(Files.readAllBytes(Checkpoints.of(whole, k + 1).resolve(f)));
    }
    assertThat(MetricsRows.withoutTimes(resumed))
        .isEqualTo(MetricsRows.withoutTimes(whole))
        .hasSize(k + 1);
  }

  @Test
  void theJvmWideSerialFilterRejectsClassesOutsideItsAllowList() throws Exception {
    Path outside = dir.resolve("outside.ser");
    Path inside = dir.resolve("inside.ser");
    Files.write(outside, serialised(MutablePair.of("a", "b")));
    Files.write(inside, serialised(new ArrayList<>(List.of("a", "b"))));
    Path log = dir.resolve("probe.log");
    Process p =
        ForkedJvm.start(SerialFilterProbe.class, log, outside.toString(), inside.toString());
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(Files.readString(log))
        .contains("filter " + BuildInfo.serialFilter())
        .contains("rejected: filter status: REJECTED")
        .contains("accepted java.util.ArrayList");
    assertThat(BuildInfo.serialFilter()).doesNotContain("org.apache.commons").endsWith(";!*");
  }

  private static byte[] serialised(Object o) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(b)) {
      out.writeObject(o);
    }
    return b.toByteArray();
  }
}
