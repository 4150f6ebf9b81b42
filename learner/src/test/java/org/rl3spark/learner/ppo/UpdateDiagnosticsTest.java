package org.rl3spark.learner.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.rl3spark.core.ppo.EntropySchedule;
import org.rl3spark.envs.bandit.BanditFamily;
import org.rl3spark.learner.dl4j.ActorCritic;
import org.rl3spark.learner.dl4j.Nd4jThreads;

/** The diagnostics of a PPO update: hand-computed noise statistics and real gradients. */
class UpdateDiagnosticsTest {

  @BeforeAll
  static void singleThreaded() {
    Nd4jThreads.set(1);
  }

  static TrainingSetup setup(Algorithm a) {
    PpoConfig ppo =
        new PpoConfig(10, 8, 4, 20, 3, 0.99, 0.3, 0.2, 0.01, new EntropySchedule(0.1, true, 10, 2));
    return new TrainingSetup(new BanditFamily(3), a, null, 6, ppo, 1e-2, 21);
  }

  @Test
  void noiseStatisticsOfFourGroupsAreTheHandComputedOnes() {
    // g = (1,0), (3,0), (2,1), (2,-1): mean (2,0), ‖mean‖² = 4, Σ‖g − mean‖² = 4, so the trace is
    // 4/3, the signal 4 − (4/3)/4 = 11/3 and the noise scale of groups of 5: 5·(4/3)/(11/3) =
    // 20/11.
    float[][] g = {{1, 0}, {3, 0}, {2, 1}, {2, -1}};
    UpdateDiagnostics.Noise n =
        UpdateDiagnostics.Noise.of(g, 5, new float[] {1, 1}, new float[] {1, -1});
    assertThat(n.trace()).isCloseTo(4.0 / 3, within(1e-12));
    assertThat(n.signal()).isCloseTo(11.0 / 3, within(1e-12));
    assertThat(n.noiseScale()).isCloseTo(20.0 / 11, within(1e-12));
    // pairs: 1, 2/√5 four times, (4 − 1)/5
    assertThat(n.groupCosine()).isCloseTo((1 + 4 * 2 / Math.sqrt(5) + 0.6) / 6, within(1e-12));
    assertThat(n.halvesCosine()).isCloseTo(0, within(1e-12));
  }

  @Test
  void agreeingGroupsHaveNoNoiseAndOpposedOnesNoSignal() {
    float[][] same = {{1, 2}, {1, 2}, {1, 2}};
    UpdateDiagnostics.Noise a = UpdateDiagnostics.Noise.of(same, 4, same[0], same[1]);
    assertThat(a.noiseScale()).isZero();
    assertThat(a.halvesCosine()).isCloseTo(1, within(1e-12));
    float[][] opposed = {{1, 0}, {-1, 0}};
    UpdateDiagnostics.Noise b = UpdateDiagnostics.Noise.of(opposed, 4, opposed[0], opposed[1]);
    assertThat(b.signal()).isCloseTo(-1, within(1e-12)); // 0 − 2/2
    assertThat(b.noiseScale()).isInfinite();
    assertThat(b.halvesCosine()).isCloseTo(-1, within(1e-12));
  }

  @Test
  void groupsSplitTheEnvsContiguouslyAndEvenly() {
    assertThat(UpdateDiagnostics.envGroups(10, 4))
        .isDeepEqualTo(new int[][] {{0, 1}, {2, 3, 4}, {5, 6}, {7, 8, 9}});
  }

  /**
   * The critic's loss is the mean over a minibatch's sequences (rows), with no normalisation across
   * them: its gradient on all envs is the mean of its gradients on two halves. A stale or reused
   * gradient buffer would break this.
   */
  @ParameterizedTest
  @EnumSource(
      value = Algorithm.class,
      names = {"RL3", "RL3_MARKOV"})
  void theCriticsGradientOfABatchIsTheMeanOfItsHalves(Algorithm alg) {
    TrainingSetup s = setup(alg);
    ActorCritic ac = ActorCritic.create(s.networkSpec());
    RolloutBatch b = PpoTrainer.collect(ac, s, 1);
    float[] values = BatchOutputs.values(ac, b);
    Advantages adv = Advantages.of(b, values, 0.99, 0.3);
    boolean markov = alg == Algorithm.RL3_MARKOV;
    UpdateData data = UpdateData.of(b, adv, 0.1, markov);
    int h = b.horizon();
    int[] all = markov ? BatchOutputs.range(0, 8 * h) : BatchOutputs.range(0, 8);
    int[] first = markov ? BatchOutputs.range(0, 4 * h) : BatchOutputs.range(0, 4);
    int[] second = markov ? BatchOutputs.range(4 * h, 8 * h) : BatchOutputs.range(4, 8);
    float[] before = ac.critic().params().castTo(DataType.FLOAT).dup().data().asFloat();
    float[] whole = ac.criticGradient(data.critic(all));
    float[] g1 = ac.criticGradient(data.critic(first));
    float[] g2 = ac.criticGradient(data.critic(second));
    assertThat(whole.length).isEqualTo(before.length);
    double norm = 0;
    double err = 0;
    for (int i = 0; i < whole.length; i++) {
      double d = whole[i] - 0.5 * (g1[i] + g2[i]);
      err += d * d;
      norm += (double) whole[i] * whole[i];
    }
    assertThat(norm).isPositive();
    assertThat(Math.sqrt(err / norm)).isLessThan(1e-4);
    assertThat(ac.critic().params().castTo(DataType.FLOAT).dup().data().asFloat())
        .as("computing a gradient leaves the parameters")
        .containsExactly(before);
    assertThat(ac.criticGradient(data.critic(first))).containsExactly(g1);
  }

  @Test
  void anUpdateIsMeasuredEpochByEpochWithTheTrainingsEarlyStop() {
    TrainingSetup s = setup(Algorithm.RL3);
    ActorCritic ac = ActorCritic.create(s.networkSpec());
    UpdateDiagnostics.Result r = UpdateDiagnostics.measure(ac, s, 1, 4);
    assertThat(r.meanReturn())
        .as("the batch of iteration 1, as the trainer plays it")
        .isEqualTo(PpoTrainer.collect(ActorCritic.create(s.networkSpec()), s, 1).meanReturn());
    assertThat(r.entropyBefore()).isBetween(0.0, Math.log(3));
    assertThat(r.epochs()).hasSize(3);
    assertThat(r.epochs().get(0).kl()).isPositive();
    assertThat(r.actor().groupSize()).isEqualTo(2.0);
    assertThat(r.actor().halvesCosine()).isBetween(-1.0, 1.0);
    int expected = 3;
    for (int e = 0; e < 2; e++) {
      if (r.epochs().get(e).kl() >= 0.01) {
        expected = e + 1;
        break;
      }
    }
    assertThat(r.stopEpochs()).isEqualTo(expected);
    assertThatThrownBy(() -> UpdateDiagnostics.measure(ac, s, 2, 9))
        .hasMessageContaining("[2, envs = 8]");
  }
}
