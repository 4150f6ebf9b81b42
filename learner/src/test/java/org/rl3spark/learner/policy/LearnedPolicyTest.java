package org.rl3spark.learner.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rl3spark.core.ppo.EntropySchedule;
import org.rl3spark.core.rollout.MetaEpisodeRunner;
import org.rl3spark.core.rollout.Trajectory;
import org.rl3spark.core.task.Split;
import org.rl3spark.core.task.Task;
import org.rl3spark.core.vamdp.Vamdp;
import org.rl3spark.envs.bandit.BanditFamily;
import org.rl3spark.learner.dl4j.ActorCritic;
import org.rl3spark.learner.dl4j.Checkpoint;
import org.rl3spark.learner.dl4j.Nd4jThreads;
import org.rl3spark.learner.ppo.Algorithm;
import org.rl3spark.learner.ppo.PpoConfig;
import org.rl3spark.learner.ppo.PpoTrainer;
import org.rl3spark.learner.ppo.TrainingSetup;

/** A trained agent from a checkpoint, played by the evaluation runner. */
class LearnedPolicyTest {

  @TempDir Path dir;

  @BeforeAll
  static void singleThreaded() {
    Nd4jThreads.set(1);
  }

  LearnedPolicy trained(Algorithm a) throws Exception {
    PpoConfig ppo =
        new PpoConfig(2, 8, 4, 20, 2, 0.99, 0.3, 0.2, 0.01, new EntropySchedule(0.1, true, 2, 1));
    TrainingSetup s = new TrainingSetup(new BanditFamily(5), a, null, 12, ppo, 1e-3, 3);
    ActorCritic ac = ActorCritic.create(s.networkSpec());
    PpoTrainer.train(ac, s, 1, 2, m -> {});
    Path run = dir.resolve("run-" + a.id());
    Checkpoint.write(
        Checkpoints.of(run, 2),
        ac,
        new Checkpoint.State(
            2, 3, "h", ac.spec(), a.id(), "bandit-run", "bandits", "k5", s.resolvedVamdp()));
    return Checkpoints.policy(Checkpoint.read(Checkpoints.resolve(run)), false);
  }

  @Test
  void playsOnItsOwnObservationAndForgetsBetweenTasks() throws Exception {
    for (Algorithm a : new Algorithm[] {Algorithm.RL2, Algorithm.RL3, Algorithm.RL3_MARKOV}) {
      LearnedPolicy p = trained(a);
      assertThat(p.name()).isEqualTo(a.id() + "(run=bandit-run,it=2)");
      Task t1 = new BanditFamily(5).generate(Split.TEST, 0, 42);
      Task t2 = new BanditFamily(5).generate(Split.TEST, 1, 42);
      assertThat(p.innerEnv().create(t1, 1) instanceof Vamdp)
          .as("%s reads the VAMDP observation", a.id())
          .isEqualTo(a.valueAugmented());
      MetaEpisodeRunner runner = new MetaEpisodeRunner();
      Trajectory alone = runner.play(t2, p, 12, 7, 0);
      runner.play(t1, p, 12, 7, 0);
      Trajectory after = runner.play(t2, p, 12, 7, 0);
      assertThat(after.actions())
          .as("%s: no memory carried over from the previous task", a.id())
          .containsExactly(alone.actions());
      assertThat(after.rewards()).containsExactly(alone.rewards());
    }
  }

  @Test
  void refusesBudgetsLongerThanItsPositions() throws Exception {
    LearnedPolicy p = trained(Algorithm.RL2);
    Task t = new BanditFamily(5).generate(Split.TEST, 0, 42);
    assertThatThrownBy(() -> new MetaEpisodeRunner().play(t, p, 13, 7, 0))
        .hasMessageContaining("trained for sequences of 12 steps");
  }
}
