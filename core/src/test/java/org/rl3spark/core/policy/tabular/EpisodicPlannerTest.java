package org.rl3spark.core.policy.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Finite-horizon value iteration, its bonus form and UCRL2's extended VI on hand-solved cases. */
class EpisodicPlannerTest {

  private static final double EPS = 1e-12;

  /**
   * Two states, two actions, flattened [s·A + a]: (s0, a0) pays 1 and stays; (s0, a1) pays 0 and
   * moves to s1 w.p. 0.9; (s1, a0) pays 0 and returns to s0; (s1, a1) pays 2 and goes to either.
   */
  private static final double[] R = {1, 0, 0, 2};

  private static double[] transitions() {
    return new double[] {1, 0, 0.1, 0.9, 1, 0, 0.5, 0.5};
  }

  @Test
  void solveMatchesHandBackwardInduction() {
    EpisodicPlanner planner = new EpisodicPlanner(2, 2, 3);
    planner.solve(R, transitions(), null, null);
    // Last step (h = 2): Q = R, V = [1, 2].
    assertThat(planner.q[2]).containsExactly(new double[] {1, 0, 0, 2}, within(EPS));
    // h = 1: Q(s0) = [1 + 1, 0 + 0.1·1 + 0.9·2] = [2, 1.9];
    //        Q(s1) = [0 + 1, 2 + 0.5·1 + 0.5·2] = [1, 3.5].
    assertThat(planner.q[1]).containsExactly(new double[] {2, 1.9, 1, 3.5}, within(EPS));
    // h = 0: Q(s0) = [1 + 2, 0.1·2 + 0.9·3.5] = [3, 3.35]; Q(s1) = [2, 2 + 1 + 1.75] = [2, 4.75].
    assertThat(planner.q[0]).containsExactly(new double[] {3, 3.35, 2, 4.75}, within(EPS));
    assertThat(planner.vmax[0]).containsExactly(new double[] {3.35, 4.75}, within(EPS));
    assertThat(planner.vmax[1]).containsExactly(new double[] {2, 3.5}, within(EPS));
    assertThat(planner.vmax[2]).containsExactly(new double[] {1, 2}, within(EPS));
    assertThat(planner.vmax[3]).containsExactly(0, 0);
    // The plan is time-dependent: in s0 the best action is a1 at h = 0 but a0 at h = 1.
    assertThat(planner.q[0][1]).isGreaterThan(planner.q[0][0]);
    assertThat(planner.q[1][0]).isGreaterThan(planner.q[1][1]);
  }

  @Test
  void solveAddsTheRewardBonusAndTheTransitionBonusTimesTheStepsAfterTheCurrentOne() {
    EpisodicPlanner planner = new EpisodicPlanner(2, 2, 3);
    double[] rBonus = {0.1, 0.2, 0.3, 0.4};
    double[] pBonus = {0.01, 0.02, 0.03, 0.04};
    planner.solve(R, transitions(), rBonus, pBonus);
    // h = 2 (no steps after): R + rBonus.
    assertThat(planner.q[2]).containsExactly(new double[] {1.1, 0.2, 0.3, 2.4}, within(EPS));
    // h = 1: e.g. (s0, a1): 0 + 0.2 + 0.1·1.1 + 0.9·2.4 + 0.02·1 = 2.49.
    assertThat(planner.q[1]).containsExactly(new double[] {2.21, 2.49, 1.43, 4.19}, within(EPS));
    // h = 0: e.g. (s1, a1): 2 + 0.4 + 0.5·2.49 + 0.5·4.19 + 0.04·2 = 5.82.
    assertThat(planner.q[0]).containsExactly(new double[] {3.61, 4.26, 2.85, 5.82}, within(EPS));
  }

  @Test
  void resolvingOverwritesThePreviousPlan() {
    EpisodicPlanner planner = new EpisodicPlanner(2, 2, 3);
    planner.solve(new double[] {5, 5, 5, 5}, transitions(), null, null);
    planner.solve(R, transitions(), null, null);
    assertThat(planner.q[0]).containsExactly(new double[] {3, 3.35, 2, 4.75}, within(EPS));
  }

  @Test
  void maxWithTakesTheElementWiseEnvelope() {
    EpisodicPlanner a = new EpisodicPlanner(2, 2, 3);
    EpisodicPlanner b = new EpisodicPlanner(2, 2, 3);
    a.solve(R, transitions(), null, null);
    b.solve(new double[] {0, 3, 0, 0}, transitions(), null, null);
    double[][] qa = {a.q[0].clone(), a.q[1].clone(), a.q[2].clone()};
    double[][] qb = {b.q[0].clone(), b.q[1].clone(), b.q[2].clone()};
    double[][] va = {a.vmax[0].clone(), a.vmax[1].clone(), a.vmax[2].clone()};
    double[][] vb = {b.vmax[0].clone(), b.vmax[1].clone(), b.vmax[2].clone()};
    a.maxWith(b);
    for (int h = 0; h < 3; h++) {
      for (int i = 0; i < 4; i++) {
        assertThat(a.q[h][i]).isEqualTo(Math.max(qa[h][i], qb[h][i]));
      }
      for (int s = 0; s < 2; s++) {
        assertThat(a.vmax[h][s]).isEqualTo(Math.max(va[h][s], vb[h][s]));
      }
    }
    // (s0, a1) pays 3 in b: the envelope at the last step is [1, 3, 0, 2].
    assertThat(a.q[2]).containsExactly(1, 3, 0, 2);
  }

  // ---------------------------------------------------------------------------------------------
  // Extended value iteration: three states, one action, horizon 2. At h = 1 all next values are 0,
  // so the (stable) ascending order is [0, 1, 2] and the "best" successor is state 2; at h = 0 the
  // order follows V_1 = R + rSlack.

  @Test
  void extendedViMovesHalfTheSlackToTheBestSuccessorAndTakesItFromTheWorstInPlace() {
    EpisodicPlanner planner = new EpisodicPlanner(3, 1, 2);
    double[] r = {3, 0, 1};
    double[] p = {0.2, 0.5, 0.3, 0.2, 0.5, 0.3, 0.2, 0.5, 0.3};
    double[] rSlack = {0.5, 0.5, 0.5};
    double[] pSlack = {0.2, 0.2, 0.2};
    planner.solveExtended(r, p, rSlack, pSlack);
    // h = 1: best = 2 (ties): [0.2, 0.5, 0.3 + 0.1] sums to 1.1, worst = 0 loses 0.1:
    // [0.1, 0.5, 0.4]; Q_1 = R + rSlack = [3.5, 0.5, 1.5].
    assertThat(planner.q[1]).containsExactly(new double[] {3.5, 0.5, 1.5}, within(EPS));
    // h = 0: order by V_1 is [1, 2, 0]; the row modified at h = 1 is the starting point (the
    // reference updates the MAP row in place): [0.1 + 0.1, 0.5, 0.4] -> worst = 1 loses 0.1:
    // [0.2, 0.4, 0.4]; Q_0 = R + 0.5 + 0.2·3.5 + 0.4·0.5 + 0.4·1.5 = R + 2.0.
    assertThat(planner.q[0]).containsExactly(new double[] {5.0, 2.0, 3.0}, within(EPS));
    for (int s = 0; s < 3; s++) {
      assertThat(new double[] {p[3 * s], p[3 * s + 1], p[3 * s + 2]})
          .as("row %d after the solve", s)
          .containsExactly(new double[] {0.2, 0.4, 0.4}, within(EPS));
    }
    // The fresh MAP row at h = 0 would have given [0.3, 0.5, 0.3] -> worst 1 loses 0.1 ->
    // [0.3, 0.4, 0.3]: R + 0.5 + 1.05 + 0.2 + 0.45 = R + 2.2; the in-place compounding is what
    // distinguishes the reference's numbers.
    assertThat(planner.q[0][1]).isNotCloseTo(2.2, within(1e-3));
  }

  @Test
  void extendedViRemovesExcessMassFromSuccessivelyBetterSuccessors() {
    EpisodicPlanner planner = new EpisodicPlanner(3, 1, 2);
    double[] r = {3, 0, 1};
    double[] p = {0.3, 0.05, 0.65, 0.3, 0.05, 0.65, 0.3, 0.05, 0.65};
    double[] zero = {0, 0, 0};
    double[] pSlack = {0.6, 0.6, 0.6};
    planner.solveExtended(r, p, zero, pSlack);
    // h = 1: best = 2: [0.3, 0.05, 0.95] (sum 1.3); worst = 0 -> max(0, 1 − 1.3 + 0.3) = 0:
    // [0, 0.05, 0.95]. Q_1 = R.
    assertThat(planner.q[1]).containsExactly(new double[] {3, 0, 1}, within(EPS));
    // h = 0: order [1, 2, 0], best = 0: [0.3, 0.05, 0.95] (sum 1.3); worst = 1 -> 0 (sum 1.25);
    // next worst = 2 -> 1 − 1.25 + 0.95 = 0.7: [0.3, 0, 0.7]. Q_0 = R + 0.9 + 0.7 = R + 1.6.
    assertThat(planner.q[0]).containsExactly(new double[] {4.6, 1.6, 2.6}, within(EPS));
    assertThat(new double[] {p[0], p[1], p[2]})
        .containsExactly(new double[] {0.3, 0, 0.7}, within(EPS));
  }

  @Test
  void extendedViUsesAPointMassWhenTheBestSuccessorWouldExceedOne() {
    EpisodicPlanner planner = new EpisodicPlanner(3, 1, 2);
    double[] r = {0, 2, 1};
    double[] p = {0.2, 0.5, 0.3, 0.2, 0.5, 0.3, 0.2, 0.5, 0.3};
    double[] original = p.clone();
    double[] zero = {0, 0, 0};
    double[] pSlack = {3, 3, 3};
    planner.solveExtended(r, p, zero, pSlack);
    // h = 1: Q_1 = R = [0, 2, 1]; h = 0: best successor is 1 and 0.5 + 1.5 > 1: all mass on it.
    assertThat(planner.q[1]).containsExactly(new double[] {0, 2, 1}, within(EPS));
    assertThat(planner.q[0]).containsExactly(new double[] {2, 4, 3}, within(EPS));
    assertThat(p).as("a point mass leaves the MAP row alone").containsExactly(original);
  }

  @Test
  void extendedViWithoutSlackIsPlainValueIteration() {
    EpisodicPlanner extended = new EpisodicPlanner(2, 2, 3);
    EpisodicPlanner plain = new EpisodicPlanner(2, 2, 3);
    extended.solveExtended(R, transitions(), new double[4], new double[4]);
    plain.solve(R, transitions(), null, null);
    for (int h = 0; h < 3; h++) {
      assertThat(extended.q[h]).containsExactly(plain.q[h], within(EPS));
    }
  }

  @Test
  void extendedViPicksTheOptimisticRowPerStateAndAction() {
    // Two actions with different slacks from the same state: only the one with slack is lifted.
    EpisodicPlanner planner = new EpisodicPlanner(2, 2, 2);
    double[] r = {0, 0, 1, 1}; // s1 pays 1, s0 nothing
    double[] p = {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5};
    double[] pSlack = {0, 0.4, 0, 0};
    planner.solveExtended(r, p, new double[4], pSlack);
    // h = 1: all next values 0, best = s1 (last of the ties): (s0, a1) becomes [0.3, 0.7] in place.
    // h = 0: V_1 = [0, 1], best = s1 again: [0.3, 0.7 + 0.2] -> s0 loses 0.2: [0.1, 0.9], so
    // Q = 0.9; (s0, a0) has no slack and keeps 0.5·0 + 0.5·1.
    assertThat(planner.q[0][0]).isCloseTo(0.5, within(EPS));
    assertThat(planner.q[0][1]).isCloseTo(0.9, within(EPS));
    assertThat(new double[] {p[2], p[3]}).containsExactly(new double[] {0.1, 0.9}, within(EPS));
    assertThat(new double[] {p[0], p[1]}).containsExactly(0.5, 0.5);
  }
}
