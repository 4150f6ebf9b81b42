package org.rl3spark.envs.bandit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rl3spark.core.env.Step;
import org.rl3spark.core.env.TabularEnv;
import org.rl3spark.core.meta.InnerEnvFactory;
import org.rl3spark.core.meta.MetaEnv;
import org.rl3spark.core.model.TabularModel;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.task.Split;
import org.rl3spark.core.task.TaskId;
import org.rl3spark.envs.TaskStatistics;
import org.rl3spark.envs.testing.Oracles;
import org.rl3spark.envs.testing.Stats;

/** Bernoulli bandits (reference §1.1, §6.4, §8 item 15, open question 1). */
class BanditFamilyTest {

  private static final long MASTER = 7L;

  /** Φ(−1): the probability that 0.5 + 0.5·N(0, 1) falls below 0 (or above 1). */
  private static final double PHI_MINUS_ONE = 0.15865525393145707;

  private static double[] arms(BanditFamily f, Split split, int tasks) {
    double[] x = new double[tasks * f.arms()];
    for (int i = 0; i < tasks; i++) {
      double[] p = f.generate(split, i, MASTER).p();
      System.arraycopy(p, 0, x, i * f.arms(), f.arms());
    }
    return x;
  }

  @ParameterizedTest
  @ValueSource(strings = {"TRAIN", "TEST"})
  void inDistributionArmsAreIndependentUniforms(Split split) {
    BanditFamily f = new BanditFamily(5);
    double[] x = arms(f, split, 4000);
    int n = x.length;
    long[] hist = new long[20];
    for (double v : x) {
      assertThat(v).as("arm parameter").isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
      hist[(int) (v * hist.length)]++;
    }
    double[] uniform = new double[hist.length];
    java.util.Arrays.fill(uniform, 1.0 / hist.length);
    Stats.assertFits(hist, uniform, "histogram of U(0,1) arms");
    Stats.assertWithinSigmas(Stats.mean(x), 0.5, Math.sqrt(1.0 / 12 / n), "mean arm");
    Stats.assertWithinSigmas(
        Stats.variance(x), 1.0 / 12, Math.sqrt((1.0 / 80 - 1.0 / 144) / n), "arm variance");
    // Arms of one task are independent: the correlation of neighbouring arms is ~0.
    double cov = 0;
    int pairs = 0;
    for (int i = 0; i + 1 < n; i += 5) {
      cov += (x[i] - 0.5) * (x[i + 1] - 0.5);
      pairs++;
    }
    Stats.assertWithinSigmas(cov / pairs / (1.0 / 12), 0, 1 / Math.sqrt(pairs), "arm correlation");
  }

  @Test
  void oodArmsAreUnclippedNormalsAroundOneHalf() {
    BanditFamily f = new BanditFamily(5);
    double[] x = arms(f, Split.OOD, 4000);
    int n = x.length;
    Stats.assertWithinSigmas(Stats.mean(x), 0.5, 0.5 / Math.sqrt(n), "mean OOD arm");
    Stats.assertWithinSigmas(
        Stats.variance(x), 0.25, 0.25 * Math.sqrt(2.0 / (n - 1)), "variance of OOD arms");
    int below = 0;
    int above = 0;
    for (double v : x) {
      below += v < 0 ? 1 : 0;
      above += v > 1 ? 1 : 0;
    }
    double se = Math.sqrt(PHI_MINUS_ONE * (1 - PHI_MINUS_ONE) / n);
    Stats.assertWithinSigmas((double) below / n, PHI_MINUS_ONE, se, "fraction of arms below 0");
    Stats.assertWithinSigmas((double) above / n, PHI_MINUS_ONE, se, "fraction of arms above 1");
  }

  @Test
  void theEffectiveSuccessProbabilityIsTheClampedParameter() {
    double[] p = {-0.3, 0.25, 1.4, 0.0, 1.0};
    double[] effective = {0.0, 0.25, 1.0, 0.0, 1.0};
    BanditTask task = new BanditTask(new TaskId("bandits", "k5", Split.OOD, 0, 0), p);
    assertThat(task.p()).as("parameters are kept unclipped").containsExactly(p);
    TabularModel m = task.model();
    for (int a = 0; a < p.length; a++) {
      assertThat(task.successProbability(a)).as("clamp(p_%s)", a).isEqualTo(effective[a]);
      assertThat(m.expectedReward(BanditTask.START, a))
          .as("model R(start, %s)", a)
          .isEqualTo(effective[a]);
    }
    assertThat(task.bestArmProbability()).isEqualTo(1.0);
    long[] wins = pullEachArm(task, 20_000, new Rng(Stats.seedOf("bandit-clamp")));
    assertThat(wins[0]).as("p < 0 never pays").isZero();
    assertThat(wins[3]).as("p = 0 never pays (u <= 0 has probability 2^-53)").isZero();
    assertThat(wins[2]).as("p > 1 always pays").isEqualTo(20_000);
    assertThat(wins[4]).as("p = 1 always pays").isEqualTo(20_000);
    Stats.assertWithinSigmas(wins[1] / 20_000.0, 0.25, Math.sqrt(0.25 * 0.75 / 20_000), "p=0.25");
  }

  @Test
  void generatedOodTasksPayWithTheClampedProbability() {
    BanditFamily f = new BanditFamily(5);
    BanditTask task = null;
    for (int i = 0; task == null; i++) {
      BanditTask t = f.generate(Split.OOD, i, MASTER);
      double lo = java.util.Arrays.stream(t.p()).min().orElseThrow();
      double hi = java.util.Arrays.stream(t.p()).max().orElseThrow();
      if (lo < 0 && hi > 1) {
        task = t;
      }
    }
    int pulls = 5_000;
    long[] wins = pullEachArm(task, pulls, new Rng(Stats.seedOf("bandit-ood-clamp")));
    for (int a = 0; a < task.arms(); a++) {
      double q = Math.min(1, Math.max(0, task.p()[a]));
      if (q == 0 || q == 1) {
        assertThat(wins[a]).as("arm %s with p=%s", a, task.p()[a]).isEqualTo((long) (q * pulls));
      } else {
        Stats.assertWithinSigmas(
            (double) wins[a] / pulls, q, Math.sqrt(q * (1 - q) / pulls), "arm " + a);
      }
    }
  }

  private static long[] pullEachArm(BanditTask task, int pulls, Rng rng) {
    TabularEnv env = task.newEnv();
    long[] wins = new long[task.arms()];
    for (int a = 0; a < task.arms(); a++) {
      for (int i = 0; i < pulls; i++) {
        env.reset(rng);
        Step s = env.step(a);
        assertThat(s.terminated()).as("a pull ends the episode").isTrue();
        assertThat(s.reward()).as("reward").isIn(0.0, 1.0);
        wins[a] += (long) s.reward();
      }
    }
    return wins;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 5, 10})
  void meanBestArmIsKOverKPlusOne(int k) {
    BanditFamily f = new BanditFamily(k);
    int tasks = 20_000;
    double[] best = new double[tasks];
    for (int i = 0; i < tasks; i++) {
      BanditTask t = f.generate(Split.TRAIN, i, MASTER);
      best[i] = TaskStatistics.of(t).get(TaskStatistics.BEST_ARM_P);
      assertThat(best[i]).isEqualTo(java.util.Arrays.stream(t.p()).max().orElseThrow());
    }
    double se = Math.sqrt(Stats.variance(best) / tasks);
    Stats.assertWithinSigmas(Stats.mean(best), k / (k + 1.0), se, "E[max_a p_a] for k=" + k);
  }

  @Test
  void theMetaEpisodeOracleOfAFixedTaskIsHTimesTheBestArm() {
    BanditTask task = new BanditFamily(5).generate(Split.TEST, 3, MASTER);
    double best = task.bestArmProbability();
    int bestArm = 0;
    for (int a = 0; a < task.arms(); a++) {
      if (task.successProbability(a) == best) {
        bestArm = a;
      }
    }
    for (int h : new int[] {1, 7, 100}) {
      assertThat(Oracles.metaEpisodeValue(task.model(), task.startState(), task.taskHorizon(), h))
          .as("oracle over a budget of %s pulls", h)
          .isCloseTo(h * best, org.assertj.core.data.Offset.offset(1e-9));
    }
    // Pulling the best arm through a real meta-episode earns H·max p on average.
    int h = 50;
    int episodes = 2_000;
    MetaEnv meta = new MetaEnv(InnerEnvFactory.rl2(), h, null, task.arms(), 2);
    Rng rng = new Rng(Stats.seedOf("bandit-meta-oracle"));
    double[] returns = new double[episodes];
    for (int e = 0; e < episodes; e++) {
      meta.reset(task, rng);
      while (meta.isRunning()) {
        returns[e] += meta.step(bestArm).reward();
      }
    }
    Stats.assertWithinSigmas(
        Stats.mean(returns),
        h * best,
        Math.sqrt(h * best * (1 - best) / episodes) + 1e-12,
        "mean meta-episode return of the best arm");
  }
}
