package org.rl3spark.core.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rl3spark.core.random.Categorical;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.random.Seeds;
import org.rl3spark.core.testing.BernoulliBanditTask;
import org.rl3spark.core.testing.TestConfigs;
import org.rl3spark.core.testing.TestTasks;
import org.rl3spark.core.vamdp.QSource;
import org.rl3spark.core.vamdp.VamdpConfig;
import org.rl3spark.core.vamdp.VamdpLayout;

/**
 * Paper Appendix A.1, numerically: in Bernoulli bandits, Q-estimates and action counts are
 * sufficient statistics of the task posterior. The bandit is the 2-state MDP of reference §1.1
 * inside a VAMDP with the bandit constants (γ 0.95, λ 0.1, one sweep, Q/1, counts/10); with fresh Q
 * one cold sweep gives Q(0,a) = R̂·(N+λ)/(N+2λ), so the success count is s = Q·N·(N+2λ)/(N+λ).
 */
class BanditQCountSufficiencyTest {

  private static final int ARMS = 5;
  private static final int H = 150;
  private static final double LAMBDA = 0.1;
  private static final int CANDIDATES = 50;

  /** The decision-time statistics decoded from one meta observation. */
  private record Decoded(int[] n, int[] successes, double[] q) {}

  private static Decoded decode(MetaEnv m, float[] o) {
    VamdpLayout l = new VamdpLayout(2, ARMS);
    int base = m.layout().inner();
    int[] n = new int[ARMS];
    int[] s = new int[ARMS];
    double[] q = new double[ARMS];
    double value = o[base + l.value()]; // qDenom 1
    for (int a = 0; a < ARMS; a++) {
      double scaled = o[base + l.counts() + a] * 10.0;
      n[a] = (int) Math.round(scaled);
      assertThat(scaled).isCloseTo(n[a], within(1e-4));
      q[a] = o[base + l.advantages() + a] + value;
      double recovered = n[a] == 0 ? 0 : q[a] * n[a] * (n[a] + 2 * LAMBDA) / (n[a] + LAMBDA);
      s[a] = (int) Math.round(recovered);
      assertThat(recovered).as("success count is an integer").isCloseTo(s[a], within(1e-3));
    }
    return new Decoded(n, s, q);
  }

  /** Normalised posterior from log-likelihoods, by log-sum-exp. */
  private static double[] normalise(double[] logLik) {
    double max = Double.NEGATIVE_INFINITY;
    for (double x : logLik) {
      max = Math.max(max, x);
    }
    double z = 0;
    for (double x : logLik) {
      z += Math.exp(x - max);
    }
    double[] post = new double[logLik.length];
    for (int i = 0; i < logLik.length; i++) {
      post[i] = Math.exp(logLik[i] - max) / z;
    }
    return post;
  }

  private static double[][] candidates() {
    Rng rng = Seeds.rng(0L, "test/appendix-a1/prior");
    double[][] p = new double[CANDIDATES][ARMS];
    for (double[] task : p) {
      for (int a = 0; a < ARMS; a++) {
        task[a] = 0.02 + 0.96 * rng.nextDouble();
      }
    }
    return p;
  }

  private static MetaEnv meta(BernoulliBanditTask task, VamdpConfig config) {
    return MetaEnv.of(InnerEnvFactory.rl3(config), H, task, () -> task);
  }

  @Test
  void freshQAndCountsGiveTheFullHistoryPosterior() {
    double[][] prior = candidates();
    for (int trial = 0; trial < 8; trial++) {
      BernoulliBanditTask task =
          new BernoulliBanditTask(TestTasks.id("bandit", trial), prior[5 * trial]);
      MetaEnv m = meta(task, TestConfigs.bandits());
      assertThat(m.observationSize()).isEqualTo(ARMS + 4 + 2 + 3 * ARMS + 2);
      m.reset(Seeds.rng(0L, Seeds.ENV_DYNAMICS, trial));
      // A skewed random policy, so that the arms' counts differ widely.
      Rng policy = Seeds.rng(0L, Seeds.POLICY, trial);
      double[] weights = new double[ARMS];
      policy.nextDirichlet(0.7, weights, 0, ARMS);

      int[] n = new int[ARMS];
      int[] s = new int[ARMS];
      double[] historyLogLik = new double[CANDIDATES];
      float[] o = new float[m.observationSize()];
      for (int t = 1; t <= H; t++) {
        int a = Categorical.sample(weights, 0, ARMS, policy);
        boolean success = m.step(a).reward() == 1.0;
        n[a]++;
        s[a] += success ? 1 : 0;
        for (int i = 0; i < CANDIDATES; i++) {
          historyLogLik[i] += Math.log(success ? prior[i][a] : 1 - prior[i][a]);
        }
        m.observe(o, 0);
        Decoded d = decode(m, o);
        assertThat(d.n()).as("N at t=%d", t).containsExactly(n);
        assertThat(d.successes()).as("successes at t=%d", t).containsExactly(s);
        // (a) Posterior over the finite prior set, from (Q, N) alone vs from the whole history.
        double[] statLogLik = new double[CANDIDATES];
        for (int i = 0; i < CANDIDATES; i++) {
          for (int b = 0; b < ARMS; b++) {
            statLogLik[i] +=
                d.successes()[b] * Math.log(prior[i][b])
                    + (d.n()[b] - d.successes()[b]) * Math.log(1 - prior[i][b]);
          }
        }
        assertThat(normalise(statLogLik)).containsExactly(normalise(historyLogLik), within(1e-9));
        // (b) Conjugate Beta(1 + s, 1 + N − s) posterior of each arm, exactly.
        for (int b = 0; b < ARMS; b++) {
          assertThat(1 + d.successes()[b]).isEqualTo(1 + s[b]);
          assertThat(1 + d.n()[b] - d.successes()[b]).isEqualTo(1 + n[b] - s[b]);
        }
      }
      int pulled = 0;
      for (int b = 0; b < ARMS; b++) {
        pulled += n[b] > 0 ? 1 : 0;
      }
      assertThat(pulled).isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void successorCacheShowsOnlyCountsSoTheObservationIsNotSufficient() {
    // Two tasks that always pay and never pay, played with the same actions: their posteriors are
    // as different as can be, yet the code's observation (successor cache) is identical at every
    // step, with all Q slots zero. With fresh Q the observations differ.
    double[] ones = {1, 1, 1, 1, 1};
    double[] zeros = {0, 0, 0, 0, 0};
    VamdpConfig cache = TestConfigs.bandits().withQSource(QSource.SUCCESSOR_CACHE);
    MetaEnv payCached = meta(new BernoulliBanditTask(TestTasks.id("bandit", 1), ones), cache);
    MetaEnv nilCached = meta(new BernoulliBanditTask(TestTasks.id("bandit", 2), zeros), cache);
    MetaEnv payFresh =
        meta(new BernoulliBanditTask(TestTasks.id("bandit", 1), ones), TestConfigs.bandits());
    MetaEnv nilFresh =
        meta(new BernoulliBanditTask(TestTasks.id("bandit", 2), zeros), TestConfigs.bandits());
    MetaEnv[] all = {payCached, nilCached, payFresh, nilFresh};
    for (MetaEnv m : all) {
      m.reset(new Rng(0L));
    }
    Rng policy = Seeds.rng(1L, Seeds.POLICY, 0);
    VamdpLayout l = new VamdpLayout(2, ARMS);
    int base = payCached.layout().inner();
    int[] n = new int[ARMS];
    for (int t = 1; t <= 40; t++) {
      int a = policy.nextInt(ARMS);
      n[a]++;
      float[][] o = new float[4][payCached.observationSize()];
      for (int i = 0; i < 4; i++) {
        all[i].step(a);
        all[i].observe(o[i], 0);
      }
      for (int b = 0; b < ARMS; b++) {
        assertThat(o[0][base + l.advantages() + b]).isZero();
        assertThat(o[1][base + l.advantages() + b]).isZero();
        assertThat(o[0][base + l.counts() + b]).isCloseTo(n[b] / 10f, within(1e-6f));
      }
      assertThat(o[0][base + l.value()]).isZero();
      // Everything but the raw previous reward is identical: the Q-block carries no evidence.
      float[] pay = o[0].clone();
      float[] nil = o[1].clone();
      pay[payCached.layout().previousReward()] = 0;
      nil[nilCached.layout().previousReward()] = 0;
      assertThat(pay).containsExactly(nil);
      // Fresh Q: V = max_a Q(0,a) = (N+λ)/(N+2λ) > 0 for the paying task, 0 for the other.
      assertThat(o[2][base + l.value()]).isGreaterThan(0.5f);
      assertThat(o[3][base + l.value()]).isZero();
    }
  }
}
