package org.rl3spark.envs.mdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rl3spark.core.env.TabularEnv;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.task.Split;
import org.rl3spark.core.task.TaskId;
import org.rl3spark.envs.TaskStatistics;
import org.rl3spark.envs.testing.Oracles;
import org.rl3spark.envs.testing.Stats;

/** Random tabular MDPs (reference §1.2, §6.4). */
class RandomMdpFamilyTest {

  private static final long MASTER = 11L;
  private static final RandomMdpFamily FAMILY = RandomMdpFamily.standard();

  /** Φ(−1). */
  private static final double PHI_MINUS_ONE = 0.15865525393145707;

  @Test
  void theStandardFamilyIsDuansSetup() {
    assertThat(FAMILY.states()).isEqualTo(10);
    assertThat(FAMILY.actions()).isEqualTo(5);
    assertThat(FAMILY.alphaOf(Split.TRAIN)).isEqualTo(1.0);
    assertThat(FAMILY.alphaOf(Split.TEST)).isEqualTo(1.0);
    assertThat(FAMILY.alphaOf(Split.OOD)).isEqualTo(0.25);
    assertThat(FAMILY.taskHorizon()).isEqualTo(10);
    RandomMdpTask t = FAMILY.generate(Split.TRAIN, 0, MASTER);
    assertThat(t.taskHorizon()).isEqualTo(10);
    assertThat(t.noiseStd()).isEqualTo(1.0);
  }

  /**
   * Each transition row is Dirichlet(α) over 10 states: every component is Beta(α, 9α), with mean
   * 1/10 and variance 9 / (100 (10α + 1)).
   */
  @ParameterizedTest
  @CsvSource({"TRAIN, 1.0", "OOD, 0.25"})
  void transitionRowsAreSymmetricDirichlet(Split split, double alpha) {
    int tasks = 600;
    int k = FAMILY.states();
    int rows = tasks * k * FAMILY.actions();
    double[][] component = new double[3][rows];
    int[] which = {0, 4, k - 1};
    int r = 0;
    for (int i = 0; i < tasks; i++) {
      RandomMdpTask t = FAMILY.generate(split, i, MASTER);
      for (int s = 0; s < k; s++) {
        for (int a = 0; a < FAMILY.actions(); a++) {
          double sum = 0;
          for (int j = 0; j < k; j++) {
            double p = t.transition(s, a, j);
            assertThat(p).isBetween(0.0, 1.0);
            sum += p;
          }
          assertThat(sum).isCloseTo(1.0, Offset.offset(1e-12));
          for (int c = 0; c < which.length; c++) {
            component[c][r] = t.transition(s, a, which[c]);
          }
          r++;
        }
      }
    }
    double a = alpha;
    double b = (k - 1) * alpha;
    double m1 = a / (a + b);
    double m2 = m1 * (a + 1) / (a + b + 1);
    double m3 = m2 * (a + 2) / (a + b + 2);
    double m4 = m3 * (a + 3) / (a + b + 3);
    double var = m2 - m1 * m1;
    double mu4 = m4 - 4 * m1 * m3 + 6 * m1 * m1 * m2 - 3 * m1 * m1 * m1 * m1;
    assertThat(var)
        .as("closed form")
        .isCloseTo((k - 1) / (k * k * (k * alpha + 1)), Offset.offset(1e-15));
    for (int c = 0; c < which.length; c++) {
      double[] x = component[c];
      String what = split + " T(s,a," + which[c] + ")";
      Stats.assertWithinSigmas(Stats.mean(x), 1.0 / k, Math.sqrt(var / rows), what + " mean");
      Stats.assertWithinSigmas(
          Stats.variance(x), var, Math.sqrt((mu4 - var * var) / rows), what + " variance");
    }
  }

  @ParameterizedTest
  @CsvSource({"TRAIN", "OOD"})
  void meanRewardsAreNormalWithMeanOneAndUnitVariance(Split split) {
    int tasks = 600;
    int per = FAMILY.states() * FAMILY.actions();
    double[] r = new double[tasks * per];
    for (int i = 0; i < tasks; i++) {
      System.arraycopy(FAMILY.generate(split, i, MASTER).meanRewards(), 0, r, i * per, per);
    }
    int n = r.length;
    Stats.assertWithinSigmas(Stats.mean(r), 1.0, 1 / Math.sqrt(n), "mean of R(s,a)");
    Stats.assertWithinSigmas(
        Stats.variance(r), 1.0, Math.sqrt(2.0 / (n - 1)), "variance of R(s,a)");
    long below = java.util.Arrays.stream(r).filter(x -> x < 0).count();
    Stats.assertWithinSigmas(
        (double) below / n,
        PHI_MINUS_ONE,
        Math.sqrt(PHI_MINUS_ONE * (1 - PHI_MINUS_ONE) / n),
        "fraction of R(s,a) below 0");
  }

  @Test
  void observedRewardsAreTheMeanPlusUnitVarianceNoise() {
    RandomMdpTask task = FAMILY.generate(Split.TEST, 5, MASTER);
    TabularEnv env = task.newEnv();
    Rng rng = new Rng(Stats.seedOf("mdp-reward-noise"));
    int n = 5_000;
    for (int a = 0; a < task.actions(); a++) {
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        env.reset(rng);
        x[i] = env.step(a).reward();
      }
      Stats.assertWithinSigmas(
          Stats.mean(x), task.meanReward(0, a), 1 / Math.sqrt(n), "mean reward " + a);
      Stats.assertWithinSigmas(
          Stats.variance(x), 1.0, Math.sqrt(2.0 / (n - 1)), "noise variance " + a);
    }
  }

  @Test
  void everyEpisodeStartsInStateZero() {
    Rng rng = new Rng(Stats.seedOf("mdp-start"));
    for (Split split : Split.values()) {
      for (int i = 0; i < 20; i++) {
        RandomMdpTask task = FAMILY.generate(split, i, MASTER);
        assertThat(task.startState()).isZero();
        TabularEnv env = task.newEnv();
        for (int episode = 0; episode < 3; episode++) {
          env.reset(rng);
          assertThat(env.state()).as("state after reset").isZero();
          float[] obs = new float[env.observationSize()];
          env.observe(obs, 0);
          assertThat(obs[0]).isEqualTo(1f);
          for (int t = 0; t < 7; t++) {
            env.step(rng.nextInt(env.numActions()));
          }
        }
      }
    }
  }

  @Test
  void splitsAndIndicesHaveDistinctSeedsAndTasks() {
    Set<Long> seeds = new HashSet<>();
    int per = 5_000;
    for (Split split : Split.values()) {
      for (int i = 0; i < per; i++) {
        seeds.add(FAMILY.taskSeed(split, i, MASTER));
      }
    }
    assertThat(seeds).as("seeds of 3 splits x %s indices", per).hasSize(3 * per);
    for (int i = 0; i < 10; i++) {
      RandomMdpTask train = FAMILY.generate(Split.TRAIN, i, MASTER);
      RandomMdpTask test = FAMILY.generate(Split.TEST, i, MASTER);
      assertThat(train.id().seed()).isEqualTo(FAMILY.taskSeed(Split.TRAIN, i, MASTER));
      assertThat(test.id().split()).isEqualTo(Split.TEST);
      assertThat(train.meanRewards())
          .as("train and test task %s differ", i)
          .isNotEqualTo(test.meanRewards());
    }
  }

  /** Backward induction over the task's arrays, written independently of the model classes. */
  private static double handRolledEpisodeOracle(RandomMdpTask t) {
    int n = t.states();
    double[] v = new double[n];
    for (int h = 1; h <= t.episodeLength(); h++) {
      double[] next = new double[n];
      for (int s = 0; s < n; s++) {
        next[s] = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < t.actions(); a++) {
          double q = t.meanReward(s, a);
          for (int j = 0; j < n; j++) {
            q += t.transition(s, a, j) * v[j];
          }
          next[s] = Math.max(next[s], q);
        }
      }
      v = next;
    }
    return v[t.startState()];
  }

  @Test
  void oracleEpisodeReturnIsTheTenStepBackwardInduction() {
    for (Split split : Split.values()) {
      for (int i = 0; i < 10; i++) {
        RandomMdpTask t = FAMILY.generate(split, i, MASTER);
        double oracle = TaskStatistics.oracleEpisodeReturn(t);
        assertThat(oracle)
            .as("%s task %s", split, i)
            .isCloseTo(handRolledEpisodeOracle(t), Offset.offset(1e-9));
        assertThat(TaskStatistics.of(t).get(TaskStatistics.ORACLE_EPISODE_RETURN))
            .isEqualTo(oracle);
        // Over a budget of three episodes the meta-episode oracle is three episode oracles.
        assertThat(Oracles.metaEpisodeValue(t.model(), 0, 10, 30))
            .isCloseTo(3 * oracle, Offset.offset(1e-9));
      }
    }
  }

  @Test
  void oracleEpisodeReturnOfAHandMadeMdp() {
    // Two states, two actions, episodes of 2 steps, start 0.
    // In 0: action 0 stays and pays 1; action 1 moves to 1 and pays 0.
    // In 1: both actions stay; action 0 pays 3, action 1 pays 2.
    // One step from 0: max(1, 0) = 1. Two steps: stay then stay = 2, or move then 3 = 3.
    double[] t = {1, 0, 0, 1, 0, 1, 0, 1};
    double[] r = {1, 0, 3, 2};
    TaskId id = new TaskId("mdps", "hand", Split.TEST, 0, 0);
    assertThat(TaskStatistics.oracleEpisodeReturn(new RandomMdpTask(id, 2, 2, t, r, 1.0, 1, 0)))
        .isEqualTo(1.0);
    assertThat(TaskStatistics.oracleEpisodeReturn(new RandomMdpTask(id, 2, 2, t, r, 1.0, 2, 0)))
        .isEqualTo(3.0);
    // Three steps: move, 3, 3 = 6 beats staying (3) and stay-move-3 (4).
    assertThat(TaskStatistics.oracleEpisodeReturn(new RandomMdpTask(id, 2, 2, t, r, 1.0, 3, 0)))
        .isEqualTo(6.0);
  }
}
