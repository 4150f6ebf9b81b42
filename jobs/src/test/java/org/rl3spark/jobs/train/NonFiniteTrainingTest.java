package org.rl3spark.jobs.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rl3spark.learner.dl4j.Checkpoint;
import org.rl3spark.learner.policy.Checkpoints;

/**
 * R11: a NaN or infinite value in a training batch (a reward, an observation) or a learning rate
 * that makes the update blow up stops the run with a message naming what is not finite; no
 * checkpoint ever holds a non-finite parameter, and the checkpoints written before stay valid.
 */
class NonFiniteTrainingTest extends TrainRuns {

  /** Trains {@link TrainJobTest#CONF} with a checkpoint every iteration; returns the failure. */
  private Throwable fails(Path out, String... sets) {
    String[] all =
        Stream.concat(Stream.of(sets), Stream.of("train.checkpoint-every=1"))
            .toArray(String[]::new);
    return catchThrowable(() -> train(out, new java.io.ByteArrayOutputStream(), all));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "nan-reward, non-finite rewards value NaN",
    "inf-reward, non-finite rewards value Infinity",
    "nan-observation, non-finite observations value NaN"
  })
  void aNonFiniteValueInTheBatchStopsTheRunBeforeItsCheckpoint(String fault, String message)
      throws Exception {
    Path out = dir.resolve("out-" + fault);
    Throwable e =
        fails(out, "testing.train-fault-at-iteration=2", "testing.train-fault=\"" + fault + "\"");
    assertThat(e).as("the run stops").isNotNull();
    assertThat(e.getMessage()).contains("env 0: " + message).contains("refusing to train on it");
    Path run = out.resolve("train/t");
    assertThat(Checkpoints.of(run, 2)).as("no checkpoint of the poisoned iteration").doesNotExist();
    assertThat(Checkpoints.newestValid(run)).hasValue(Checkpoints.of(run, 1));
    assertAllParametersFinite(run);
  }

  @Test
  void aLearningRateThatBlowsUpStopsTheRunWithoutANonFiniteCheckpoint() throws Exception {
    Path out = dir.resolve("out-lr");
    Throwable e = fails(out, "testing.train-learning-rate=1e30", "train.iterations=6");
    assertThat(e).as("the run stops").isNotNull();
    assertThat(e.getMessage())
        .contains("non-finite")
        .contains("of the PPO update")
        .contains("aborting before any checkpoint is written");
    assertAllParametersFinite(out.resolve("train/t"));
  }

  /** Every checkpoint of the run verifies and holds finite parameters and optimiser state. */
  private static void assertAllParametersFinite(Path run) throws Exception {
    List<Path> ckpts = List.of();
    if (!Files.isDirectory(run.resolve(Checkpoints.DIR))) {
      return;
    }
    try (Stream<Path> s = Files.list(run.resolve(Checkpoints.DIR))) {
      ckpts = s.toList();
    }
    for (Path c : ckpts) {
      Checkpoint.verify(c);
      for (String f : List.of("actor.params", "actor.updater", "critic.params", "critic.updater")) {
        ByteBuffer b =
            ByteBuffer.wrap(Files.readAllBytes(c.resolve(f))).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
          float v = b.getFloat();
          assertThat(Float.isFinite(v)).as("%s/%s holds only finite values", c, f).isTrue();
        }
      }
    }
  }
}
