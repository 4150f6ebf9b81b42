package org.rl3spark.learner.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.rl3spark.learner.net.Minibatch;
import org.rl3spark.learner.ppo.Advantages;
import org.rl3spark.learner.ppo.Algorithm;
import org.rl3spark.learner.ppo.BatchOutputs;
import org.rl3spark.learner.ppo.PpoTrainer;
import org.rl3spark.learner.ppo.RolloutBatch;
import org.rl3spark.learner.ppo.TrainingSetup;
import org.rl3spark.learner.ppo.UpdateData;

/**
 * A fork's other learning rate: the parameters and Adam's moments carry over, and the next Adam
 * step is the one of the new rate, lr·m̂/(√v̂ + ε): a tenth of the rate, a tenth of the step.
 */
class LearningRateChangeTest {

  @TempDir Path dir;

  @BeforeAll
  static void singleThreaded() {
    Nd4jThreads.set(1);
  }

  private static float[] floats(org.nd4j.linalg.api.ndarray.INDArray a) {
    return a.castTo(DataType.FLOAT).dup().data().asFloat();
  }

  @Test
  void theNextStepScalesWithTheNewRateFromTheSameState() throws Exception {
    TrainingSetup s = CheckpointTest.setup(Algorithm.RL3);
    ActorCritic trained = ActorCritic.create(s.networkSpec());
    PpoTrainer.iteration(trained, s, 1); // Adam's moments are no longer zero
    Checkpoint.write(dir.resolve("c"), trained, CheckpointTest.state(s, trained, 1));

    ActorCritic same = Checkpoint.read(dir.resolve("c")).networks();
    double lr = s.networkSpec().learningRate();
    ActorCritic slow = Checkpoint.read(dir.resolve("c")).networks().withLearningRate(lr / 10);
    assertThat(slow.spec()).isEqualTo(same.spec().withLearningRate(lr / 10));
    assertThat(same.withLearningRate(lr)).isSameAs(same);
    float[] before = floats(slow.critic().params());
    assertThat(floats(slow.critic().getUpdater().getStateViewArray()))
        .as("Adam's moments carry over")
        .containsExactly(floats(same.critic().getUpdater().getStateViewArray()));
    // what a checkpoint of the fork writes is read back at the fork's rate
    Checkpoint.write(dir.resolve("f"), slow, CheckpointTest.state(s, slow, 1));
    ActorCritic reread = Checkpoint.read(dir.resolve("f")).networks();

    RolloutBatch b = PpoTrainer.collect(same, s, 2);
    Advantages adv = Advantages.of(b, BatchOutputs.values(same, b), 0.99, 0.3);
    Minibatch mb = UpdateData.of(b, adv, 0.1, false).critic(new int[] {0, 1, 2, 3});
    same.fitCritic(List.of(mb), ActorCritic.Fitter.LOCAL);
    slow.fitCritic(List.of(mb), ActorCritic.Fitter.LOCAL);
    reread.fitCritic(List.of(mb), ActorCritic.Fitter.LOCAL);
    float[] a = floats(same.critic().params());
    // the critic's L2 is coupled (added to the gradient), so the step is lr times Adam's direction
    assertThat(stepRatio(before, a, floats(slow.critic().params()))).isCloseTo(0.1, within(1e-3));
    assertThat(stepRatio(before, a, floats(reread.critic().params()))).isCloseTo(0.1, within(1e-3));
  }

  /** The least-squares factor k of step {@code b − before} ≈ k · (a − before). */
  private static double stepRatio(float[] before, float[] a, float[] b) {
    double num = 0;
    double den = 0;
    for (int i = 0; i < before.length; i++) {
      double full = a[i] - before[i];
      num += (b[i] - before[i]) * full;
      den += full * full;
    }
    assertThat(den).isPositive();
    return num / den;
  }
}
