package org.rl3spark.core.vamdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.rl3spark.core.testing.TestTasks.RIGHT;
import static org.rl3spark.core.testing.TestTasks.STAY;

import org.junit.jupiter.api.Test;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.testing.TestTasks;

/**
 * Warm start (reference §3.6): value iteration continues from the previous Q while the number of
 * model states is unchanged, and restarts from zero when it grew. With a one-sweep cap the
 * difference is visible in closed form.
 */
class VamdpWarmStartTest {

  private static final double G = 0.95;

  private static Vamdp chain(boolean warm) {
    return chain(warm, 100);
  }

  private static Vamdp chain(boolean warm, int taskHorizon) {
    VamdpConfig config =
        new VamdpConfig(G, 0.01, 1, 0.1, 1.0, 10.0, warm, true, QSource.LATEST_VI, 0, 1);
    // Chain 0 → 1 → 2 → 3 (3 absorbing), every non-goal step pays +1.
    return new Vamdp(TestTasks.chain(4, 1, 1, 10, 100).newEnv(), config, taskHorizon);
  }

  @Test
  void warmStartIsOffBelowTheCodesHorizonThreshold() {
    // The reference cold-starts whenever TH < 100, whatever the domain (VAMDP.jl:176-198).
    Vamdp warmShort = chain(true, Vamdp.WARM_START_MIN_HORIZON - 1);
    Vamdp cold = chain(false, Vamdp.WARM_START_MIN_HORIZON - 1);
    warmShort.reset(new Rng(0L));
    cold.reset(new Rng(0L));
    for (int a : new int[] {RIGHT, STAY, STAY}) {
      warmShort.step(a);
      cold.step(a);
      assertThat(solved(warmShort)).containsExactly(solved(cold));
    }
    // At the threshold the warm start is on and the second step differs (see the next test).
    Vamdp warm = chain(true, Vamdp.WARM_START_MIN_HORIZON);
    warm.reset(new Rng(0L));
    warm.step(RIGHT);
    warm.step(STAY);
    assertThat(solved(warm)[0]).isNotEqualTo(0.0);
  }

  private static double[] solved(Vamdp v) {
    int n = v.model().numStates();
    double[] q = new double[2 * n];
    for (int s = 0; s < n; s++) {
      q[2 * s] = v.solvedQ(s, STAY);
      q[2 * s + 1] = v.solvedQ(s, RIGHT);
    }
    return q;
  }

  @Test
  void warmStartContinuesWhileTheStateCountIsUnchangedAndRestartsWhenItGrows() {
    Vamdp warm = chain(true);
    Vamdp cold = chain(false);
    warm.reset(new Rng(0L));
    cold.reset(new Rng(0L));

    // 1) 0 --R, +1--> 1: states {0, 1} are new, so both start cold. One sweep:
    //    Q(0,R) = T(0,R,1)·1 = 1.1/1.2 = 11/12; the rest 0. V = (11/12, 0).
    warm.step(RIGHT);
    cold.step(RIGHT);
    double[] expected1 = {0, 11.0 / 12, 0, 0};
    assertThat(solved(warm)).containsExactly(expected1, within(1e-12));
    assertThat(solved(cold)).containsExactly(expected1, within(1e-12));

    // 2) 1 --S, +1--> 1: no new state.
    //    Cold, one sweep from 0: Q(0,R) = 11/12, Q(1,S) = 11/12, unseen pairs 0.
    //    Warm, one sweep from V = (11/12, 0):
    //      Q(0,S) = unseen = 0.95·(11/12 + 0)/2
    //      Q(0,R) = [1.1·(1 + 0.95·V(1)) + 0.1·(0 + 0.95·V(0))]/1.2 = (1.1 + 0.095·11/12)/1.2
    //      Q(1,S) = [1.1·(1 + 0.95·V(1)) + 0.1·(0 + 0.95·V(0))]/1.2 = the same
    //      Q(1,R) = unseen = 0.95·(11/12)/2
    warm.step(STAY);
    cold.step(STAY);
    double unseen = G * (11.0 / 12) / 2;
    double seen = (1.1 + 0.1 * G * 11.0 / 12) / 1.2;
    assertThat(solved(cold))
        .containsExactly(new double[] {0, 11.0 / 12, 11.0 / 12, 0}, within(1e-12));
    assertThat(solved(warm))
        .containsExactly(new double[] {unseen, seen, seen, unseen}, within(1e-12));
    // The observation at state 1 shows the difference: V(1) = seen vs 11/12.
    VamdpLayout l = warm.layout();
    float[] ow = VamdpObservationTest.observe(warm);
    float[] oc = VamdpObservationTest.observe(cold);
    assertThat(ow[l.value()]).isCloseTo((float) seen, within(1e-6f));
    assertThat(ow[l.advantages() + RIGHT]).isCloseTo((float) (unseen - seen), within(1e-6f));
    assertThat(oc[l.value()]).isCloseTo((float) (11.0 / 12), within(1e-6f));
    assertThat(oc[l.advantages() + RIGHT]).isCloseTo((float) (-11.0 / 12), within(1e-6f));

    // 3) 1 --R, +1--> 2: state 2 is new, so the warm VAMDP restarts from zero too and both agree:
    //    one sweep: Q(0,R) = Q(1,S) = Q(1,R) = 1.1/1.3 = 11/13, the rest 0.
    warm.step(RIGHT);
    cold.step(RIGHT);
    double[] expected3 = {0, 11.0 / 13, 11.0 / 13, 11.0 / 13, 0, 0};
    assertThat(solved(cold)).containsExactly(expected3, within(1e-12));
    assertThat(solved(warm)).containsExactly(expected3, within(1e-12));
  }

  @Test
  void warmStartNeedsFewerSweepsToReachTheSameFixedPoint() {
    // Uncapped (cap 1000, ε 1e-10): warm and cold converge to the same Q, warm in fewer sweeps.
    VamdpConfig base =
        new VamdpConfig(G, 1e-10, 1000, 0.1, 1.0, 10.0, false, true, QSource.LATEST_VI, 0, 1);
    Vamdp cold = new Vamdp(TestTasks.chain(4, 1, 1, 10, 100).newEnv(), base, 100);
    Vamdp warm =
        new Vamdp(
            TestTasks.chain(4, 1, 1, 10, 100).newEnv(),
            new VamdpConfig(G, 1e-10, 1000, 0.1, 1.0, 10.0, true, true, QSource.LATEST_VI, 0, 1),
            100);
    cold.reset(new Rng(0L));
    warm.reset(new Rng(0L));
    for (int a : new int[] {RIGHT, STAY}) {
      cold.step(a);
      warm.step(a);
    }
    // Step 2 added no state: warm started from step 1's converged Q.
    assertThat(warm.lastSweeps()).isLessThan(cold.lastSweeps());
    assertThat(solved(warm)).containsExactly(solved(cold), within(1e-8));
  }
}
