package org.rl3spark.core.vamdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.rl3spark.core.testing.TestTasks.RIGHT;
import static org.rl3spark.core.testing.TestTasks.STAY;
import static org.rl3spark.core.vamdp.VamdpObservationTest.chainVamdp;
import static org.rl3spark.core.vamdp.VamdpObservationTest.observe;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.random.Seeds;
import org.rl3spark.core.testing.BernoulliBanditTask;
import org.rl3spark.core.testing.TestConfigs;
import org.rl3spark.core.testing.TestTasks;

/**
 * {@link QSource#SUCCESSOR_CACHE} reproduces the authors' stale Q (reference §3.4); {@link
 * QSource#LATEST_VI} shows the latest solution for the current state.
 */
class VamdpQSourceTest {

  private static final double LAMBDA = 0.1;

  private static Vamdp bandit(QSource source, double... p) {
    return new Vamdp(
        new BernoulliBanditTask(TestTasks.id("bandit", 0), p).newEnv(),
        TestConfigs.bandits().withQSource(source),
        1);
  }

  @Test
  void banditQInputsAreIdenticallyZeroWithTheSuccessorCacheWhileCountsMove() {
    Vamdp cached = bandit(QSource.SUCCESSOR_CACHE, 0.9, 0.2, 0.6);
    Vamdp fresh = bandit(QSource.LATEST_VI, 0.9, 0.2, 0.6);
    VamdpLayout l = cached.layout();
    Rng policy = Seeds.rng(0L, "test/vamdp/qsource/policy");
    Rng envA = Seeds.rng(0L, "test/vamdp/qsource/env");
    Rng envB = envA.copy();
    int[] n = new int[3];
    int[] successes = new int[3];
    cached.reset(envA);
    fresh.reset(envB);
    boolean sawNonZeroFreshQ = false;
    for (int t = 0; t < 60; t++) {
      int a = policy.nextInt(3);
      double r = cached.step(a).reward();
      assertThat(fresh.step(a).reward()).isEqualTo(r);
      n[a]++;
      successes[a] += (int) r;
      cached.reset(envA);
      fresh.reset(envB);
      float[] oc = observe(cached);
      float[] of = observe(fresh);
      for (int b = 0; b < 3; b++) {
        // Cache: state 0 is never a successor, so its advantages and value stay 0.
        assertThat(oc[l.advantages() + b]).isZero();
        assertThat(oc[l.counts() + b]).isCloseTo(n[b] / 10f, within(1e-6f));
        assertThat(of[l.counts() + b]).isCloseTo(n[b] / 10f, within(1e-6f));
      }
      assertThat(oc[l.value()]).isZero();
      // Fresh: one cold sweep gives Q(0,b) = R̂·(N+λ)/(N+2λ) with R̂ = successes/N, 0 if unpulled.
      double[] q = new double[3];
      for (int b = 0; b < 3; b++) {
        q[b] = n[b] == 0 ? 0 : (double) successes[b] / n[b] * (n[b] + LAMBDA) / (n[b] + 2 * LAMBDA);
      }
      double v = Arrays.stream(q).max().orElseThrow();
      assertThat(of[l.value()]).isCloseTo((float) v, within(1e-6f));
      for (int b = 0; b < 3; b++) {
        assertThat(of[l.advantages() + b]).isCloseTo((float) (q[b] - v), within(1e-6f));
      }
      sawNonZeroFreshQ |= v > 0;
    }
    assertThat(sawNonZeroFreshQ).isTrue();
  }

  @Test
  void cachedStartStateQIsTheValueFromWhenItWasLastASuccessor() {
    Vamdp cached = chainVamdp(QSource.SUCCESSOR_CACHE);
    Vamdp fresh = chainVamdp(QSource.LATEST_VI);
    for (Vamdp v : new Vamdp[] {cached, fresh}) {
      v.reset(new Rng(3L));
      // 0 --STAY, −1--> 0 with only state 0 known: T(0,S,0) = 1.1/1.1 = 1, so Q(0,S) = −1 after
      // sweep 1; sweep 2 gives Q(0,S) = −1 + 0.95·V(0) = −1 and Q(0,R) = 0.95·V(0) = 0 (V(0) = 0),
      // change 0: stop. The cache stores Q(0,·) = (−1, 0), V(0) = 0 for the successor 0.
      v.step(STAY);
      assertThat(observe(v))
          .containsExactly(
              VamdpObservationTest.obs(new float[] {1, 0, 0}, -0.1, 0, 0, 0.1, 0), within(1e-6f));
      v.step(RIGHT); // 0 → 1
      v.step(RIGHT); // 1 → 2, terminal
      v.reset(new Rng(4L));
    }
    // Back at 0 without a transition into it: the cache still shows (−1, 0), V 0;
    float[] stale = VamdpObservationTest.obs(new float[] {1, 0, 0}, -0.1, 0, 0, 0.1, 0.1);
    assertThat(observe(cached)).containsExactly(stale, within(1e-6f));
    // the latest solve is shown fresh: it equals the solved Q of state 0 and differs from the
    // cache.
    double q0s = fresh.solvedQ(0, STAY);
    double q0r = fresh.solvedQ(0, RIGHT);
    double v0 = Math.max(q0s, q0r);
    float[] now =
        VamdpObservationTest.obs(
            new float[] {1, 0, 0}, (q0s - v0) / 10, (q0r - v0) / 10, v0 / 10, 0.1, 0.1);
    assertThat(observe(fresh)).containsExactly(now, within(1e-6f));
    assertThat(v0).isNotCloseTo(0.0, within(1e-3));
  }

  @Test
  void successorObservationsAgreeBetweenTheTwoSources() {
    // Right after a transition the current state is the successor, whose Q is fresh in both modes.
    Vamdp cached = chainVamdp(QSource.SUCCESSOR_CACHE);
    Vamdp fresh = chainVamdp(QSource.LATEST_VI);
    cached.reset(new Rng(5L));
    fresh.reset(new Rng(5L));
    int[] actions = {RIGHT, STAY, STAY, RIGHT};
    for (int a : actions) {
      cached.step(a);
      fresh.step(a);
      assertThat(observe(cached)).containsExactly(observe(fresh));
    }
  }
}
