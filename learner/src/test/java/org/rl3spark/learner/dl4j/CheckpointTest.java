package org.rl3spark.learner.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.rl3spark.core.ppo.EntropySchedule;
import org.rl3spark.envs.bandit.BanditFamily;
import org.rl3spark.learner.ppo.Algorithm;
import org.rl3spark.learner.ppo.PpoConfig;
import org.rl3spark.learner.ppo.PpoTrainer;
import org.rl3spark.learner.ppo.TrainingSetup;

/**
 * Checkpoints: round trip, bit-exact resume, and refusal of anything the pipeline did not write.
 */
class CheckpointTest {

  @TempDir Path dir;

  @BeforeAll
  static void singleThreaded() {
    Nd4jThreads.set(1);
  }

  static TrainingSetup setup(Algorithm a) {
    PpoConfig ppo =
        new PpoConfig(4, 8, 4, 20, 2, 0.99, 0.3, 0.2, 0.01, new EntropySchedule(0.1, true, 4, 2));
    return new TrainingSetup(new BanditFamily(3), a, null, 6, ppo, 1e-3, 21);
  }

  static Checkpoint.State state(TrainingSetup s, ActorCritic ac, int iteration) {
    return new Checkpoint.State(
        iteration,
        s.masterSeed(),
        "hash",
        ac.spec(),
        s.algorithm().id(),
        "test-run",
        s.family().family(),
        s.family().variant(),
        s.resolvedVamdp());
  }

  static float[] params(ActorCritic ac) {
    float[] a = ac.actor().params().castTo(DataType.FLOAT).dup().data().asFloat();
    float[] c = ac.critic().params().castTo(DataType.FLOAT).dup().data().asFloat();
    float[] ua = ac.actor().getUpdater().getStateViewArray().dup().data().asFloat();
    float[] uc = ac.critic().getUpdater().getStateViewArray().dup().data().asFloat();
    float[] all = new float[a.length + c.length + ua.length + uc.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(c, 0, all, a.length, c.length);
    System.arraycopy(ua, 0, all, a.length + c.length, ua.length);
    System.arraycopy(uc, 0, all, a.length + c.length + ua.length, uc.length);
    return all;
  }

  @Test
  void resumingFromACheckpointIsBitExact() throws Exception {
    for (Algorithm a : new Algorithm[] {Algorithm.RL3, Algorithm.RL3_MARKOV}) {
      TrainingSetup s = setup(a);
      ActorCritic straight = ActorCritic.create(s.networkSpec());
      PpoTrainer.train(straight, s, 1, 4, m -> {});

      ActorCritic first = ActorCritic.create(s.networkSpec());
      PpoTrainer.train(first, s, 1, 2, m -> {});
      Path ckpt = dir.resolve(a.id() + "-ckpt-2");
      Checkpoint.write(ckpt, first, state(s, first, 2));
      Checkpoint.Loaded loaded = Checkpoint.read(ckpt);
      assertThat(loaded.state().iteration()).isEqualTo(2);
      assertThat(params(loaded.networks())).as("round trip").isEqualTo(params(first));
      PpoTrainer.train(loaded.networks(), s, 3, 4, m -> {});

      assertThat(params(loaded.networks()))
          .as("%s resumed == uninterrupted", a.id())
          .isEqualTo(params(straight));
    }
  }

  @Test
  void refusesTruncatedForeignAndTamperedCheckpoints() throws Exception {
    TrainingSetup s = setup(Algorithm.RL2);
    ActorCritic ac = ActorCritic.create(s.networkSpec());
    Path good = dir.resolve("good");
    Checkpoint.write(good, ac, state(s, ac, 0));
    Checkpoint.verify(good);

    Path truncated = copy(good, "truncated");
    byte[] p = Files.readAllBytes(truncated.resolve("actor.params"));
    Files.write(truncated.resolve("actor.params"), java.util.Arrays.copyOf(p, p.length / 2));
    assertThatThrownBy(() -> Checkpoint.read(truncated))
        .isInstanceOf(Checkpoint.InvalidCheckpointException.class)
        .hasMessageContaining("actor.params")
        .hasMessageContaining("truncated");

    Path flipped = copy(good, "flipped");
    byte[] q = Files.readAllBytes(flipped.resolve("critic.params"));
    q[q.length / 2] ^= 1;
    Files.write(flipped.resolve("critic.params"), q);
    assertThatThrownBy(() -> Checkpoint.read(flipped))
        .hasMessageContaining("critic.params does not match its SHA-256");

    Path foreign = dir.resolve("foreign");
    Files.createDirectories(foreign);
    Files.write(foreign.resolve("model.zip"), new byte[] {'P', 'K', 3, 4});
    assertThatThrownBy(() -> Checkpoint.read(foreign)).hasMessageContaining("no _CHECKPOINT.json");

    // A serialized object smuggled in beside a valid checkpoint is refused, and never read.
    Path smuggled = copy(good, "smuggled");
    try (var out =
        new ObjectOutputStream(Files.newOutputStream(smuggled.resolve("preprocessor.bin")))) {
      out.writeObject(new Sentinel());
    }
    assertThatThrownBy(() -> Checkpoint.read(smuggled))
        .hasMessageContaining("unexpected files [preprocessor.bin]");
    assertThat(Sentinel.deserialized).as("nothing was deserialized").isFalse();
  }

  @Test
  void nonFiniteParametersNeverReachACheckpoint() {
    TrainingSetup s = setup(Algorithm.RL3_MARKOV);
    ActorCritic ac = ActorCritic.create(s.networkSpec());
    ac.critic().params().putScalar(0, Float.NaN);
    Path target = dir.resolve("nan");
    assertThatThrownBy(() -> Checkpoint.write(target, ac, state(s, ac, 1)))
        .hasMessageContaining("critic parameters contain non-finite values");
    assertThat(target).doesNotExist();
    assertThat(dir.toFile().list()).as("no temporary left").isEmpty();
  }

  private Path copy(Path from, String name) throws Exception {
    Path to = dir.resolve(name);
    Files.createDirectories(to);
    try (var s = Files.list(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Files.copy(p, to.resolve(p.getFileName()));
      }
    }
    return to;
  }

  /** Records whether Java deserialization ever ran on it. */
  static final class Sentinel implements Serializable {
    private static final long serialVersionUID = 1L;
    static volatile boolean deserialized;

    private void readObject(java.io.ObjectInputStream in) throws Exception {
      in.defaultReadObject();
      deserialized = true;
    }
  }
}
