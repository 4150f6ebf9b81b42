package org.rl3spark.jobs.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.rl3spark.jobs.TestConfigs;
import org.rl3spark.learner.dl4j.Checkpoint;
import org.rl3spark.learner.policy.Checkpoints;

/**
 * The train job end to end on local[2]: a crash resumes bit-exactly (R10), damaged checkpoints are
 * quarantined and foreign ones refused (R10, R14), and a run with a fixed worker count is
 * reproducible. Non-finite values: {@link NonFiniteTrainingTest} (R11).
 */
class TrainJobTest extends TrainRuns {

  /** A tiny RL3 bandit run: 4 iterations of 8 meta-episodes of 10 pulls. */
  static final String CONF =
      """
      master-seed = 5
      family.bandits.arms = 3
      train {
        name = "t"
        family = bandits
        algorithm = rl3
        horizon = 10
        iterations = 4
        envs = 8
        sequences-per-minibatch = 4
        epochs = 2
        checkpoint-every = 2
        keep-trajectories = -1
      }
      """;

  /** Runs the job with output root {@code out} and returns the run directory. */
  Path train(Path out, String... sets) throws Exception {
    return train(out, new java.io.ByteArrayOutputStream(), sets);
  }

  static byte[] params(Path ckpt, String net) throws IOException {
    return Files.readAllBytes(ckpt.resolve(net + ".params"));
  }

  @Test
  void aCrashedRunResumesToTheSameParameters() throws Exception {
    Path whole = train(fresh());
    Path out = fresh();
    assertThatThrownBy(() -> train(out, "testing.train-crash-after-iteration=3"))
        .hasMessageContaining("crash after iteration 3");
    Path run = out.resolve("train/t");
    assertThat(Checkpoints.newestValid(run))
        .hasValueSatisfying(p -> assertThat(Checkpoints.iteration(p)).isEqualTo(2));
    // Without --resume an existing run is refused.
    assertThatThrownBy(() -> train(out)).hasMessageContaining("--resume");
    Path resumed = train(out, "train.resume=true");
    for (String net : List.of("actor", "critic")) {
      assertThat(params(Checkpoints.of(resumed, 4), net + ""))
          .as(net)
          .isEqualTo(params(Checkpoints.of(whole, 4), net));
      assertThat(Files.readAllBytes(Checkpoints.of(resumed, 4).resolve(net + ".updater")))
          .isEqualTo(Files.readAllBytes(Checkpoints.of(whole, 4).resolve(net + ".updater")));
    }
    assertThat(MetricsRows.withoutTimes(resumed))
        .isEqualTo(MetricsRows.withoutTimes(whole))
        .hasSize(4);
    assertThat(resumed.resolve("_MANIFEST.json")).exists();
    // The Parquet metrics match the CSV.
    List<Row> rows =
        spark
            .read()
            .parquet(resumed.resolve(TrainJob.METRICS_DIR).toString())
            .orderBy("iteration")
            .collectAsList();
    assertThat(rows).hasSize(4);
    assertThat(rows.get(3).getDouble(rows.get(3).fieldIndex("mean_return")))
        .isEqualTo(TrainJob.metrics(resumed).get(3).meanReturn());
  }

  @Test
  void resumingWithOtherSettingsIsRefused() throws Exception {
    Path out = fresh();
    train(out, "train.iterations=2");
    // Issue 16 item 5: the message names the config keys that differ, and only those.
    assertThatThrownBy(
            () ->
                train(
                    out,
                    "train.iterations=2",
                    "train.resume=true",
                    "train.learning-rate=0.001",
                    "master-seed=6",
                    "family.bandits.arms=4"))
        .hasMessageContaining("other training settings")
        .hasMessageEndingWith(
            "differing settings (then -> now): train.learning-rate: 3.0E-4"
                + " -> 0.001, master-seed: 5 -> 6, family.bandits: BanditsConfig[arms=3] ->"
                + " BanditsConfig[arms=4]; resume with the same config, or choose another"
                + " train.name");
    // --resume without a run is an error that says how to start or continue one.
    Path none = fresh();
    assertThatThrownBy(() -> train(none, "train.resume=true"))
        .hasMessageContaining(
            "--resume: there is no training run " + none.resolve("train/t").toAbsolutePath())
        .hasMessageContaining("start it without --resume");
    assertThat(none.resolve("train/t")).as("nothing created").doesNotExist();
  }

  /**
   * R10 and issue 16 item 4: a damaged newest checkpoint is reported on stderr, moved to {@code
   * quarantine/} (never overwritten) and recorded in {@code _RUN.json} and the manifest; the resume
   * starts from the one before and ends where an undamaged run ends.
   */
  @Test
  void aDamagedNewestCheckpointIsQuarantinedAndAForeignOneRefused() throws Exception {
    Path out = fresh();
    Path run = train(out, "train.checkpoint-every=1", "train.iterations=2");
    // Truncate the newest: the resume starts from iteration 1's and gives the same result.
    Path newest = Checkpoints.of(run, 2);
    byte[] p = Files.readAllBytes(newest.resolve("actor.params"));
    byte[] before = p.clone();
    byte[] truncated = java.util.Arrays.copyOf(p, p.length / 2);
    Files.write(newest.resolve("actor.params"), truncated);
    assertThatThrownBy(() -> Checkpoint.verify(newest)).hasMessageContaining("refusing checkpoint");
    assertThat(Checkpoints.newestValid(run))
        .hasValueSatisfying(c -> assertThat(Checkpoints.iteration(c)).isEqualTo(1));
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    Path again =
        train(out, err, "train.checkpoint-every=1", "train.iterations=2", "train.resume=true");
    assertThat(params(Checkpoints.of(again, 2), "actor")).isEqualTo(before);

    Path quarantined = run.resolve("quarantine/ckpt-00000002-truncated");
    assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains(
            "rl3 train: checkpoint "
                + newest
                + " is damaged (actor.params has "
                + truncated.length
                + " bytes")
        .contains("moved to " + quarantined)
        .contains("resuming from ckpt-00000001");
    assertThat(params(quarantined, "actor"))
        .as("the damaged copy, kept as it was")
        .isEqualTo(truncated);
    for (String file : List.of(TrainJob.RUN_FILE, "_MANIFEST.json")) {
      com.fasterxml.jackson.databind.JsonNode q =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(Files.readString(run.resolve(file)))
              .path("quarantined");
      assertThat(q.size()).as(file).isEqualTo(1);
      assertThat(q.get(0).path("checkpoint").asText()).isEqualTo("checkpoints/ckpt-00000002");
      assertThat(q.get(0).path("moved_to").asText())
          .isEqualTo("quarantine/ckpt-00000002-truncated");
      assertThat(q.get(0).path("reason").asText()).isEqualTo("truncated");
    }
    // Damaged again and resumed again: the second copy goes beside the first, not over it.
    Files.write(Checkpoints.of(run, 2).resolve("critic.params"), new byte[] {7});
    train(out, "train.checkpoint-every=1", "train.iterations=2", "train.resume=true");
    assertThat(run.resolve("quarantine/ckpt-00000002-truncated-2")).isDirectory();
    assertThat(params(quarantined, "actor")).isEqualTo(truncated);
    // A directory this pipeline did not write is refused before anything is deserialised.
    Path foreign = dir.resolve("foreign");
    Files.createDirectories(foreign);
    Files.writeString(foreign.resolve("actor.params"), "not ours");
    assertThatThrownBy(() -> Checkpoint.read(foreign)).hasMessageContaining("refusing checkpoint");
  }

  @Test
  void parameterAveragingRunsAreReproducibleWithAFixedWorkerCount() throws Exception {
    String[] pa = {
      "train.fit=parameter-averaging",
      "train.workers=2",
      "train.averaging-frequency=1",
      "train.iterations=2",
      "train.checkpoint-every=2"
    };
    Path a = train(fresh(), pa);
    Path b = train(fresh(), pa);
    assertThat(params(Checkpoints.of(a, 2), "actor"))
        .isEqualTo(params(Checkpoints.of(b, 2), "actor"));
    assertThat(params(Checkpoints.of(a, 2), "critic"))
        .isEqualTo(params(Checkpoints.of(b, 2), "critic"));
    assertThat(TrainJob.metrics(a).get(1).meanReturn()).isFinite();
  }

  @Test
  void badSettingsFailFastNamingTheKey() {
    assertThatThrownBy(
            () ->
                TestConfigs.load(
                    dir.resolve("bad"), CONF, "train.algorithm=rl4", "train.fit=magic"))
        .hasMessageContaining("train.algorithm")
        .hasMessageContaining("train.fit");
  }
}
