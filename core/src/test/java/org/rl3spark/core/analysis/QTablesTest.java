package org.rl3spark.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rl3spark.core.model.SparseModel;
import org.rl3spark.core.random.Rng;

/**
 * Q*-tables and Appendix D.1: with a fixed transition function, the stationary Q* determines the
 * rewards (R = Q* − γ T max Q*, Eq. 20–22) and equal rewards give equal Q*. The 10-step
 * undiscounted Q-table of D.2 does not always determine them (a counterexample below).
 */
class QTablesTest {

  /** A model with R(s, a) on every transition of (s, a); t flattened [(s·A + a)·S + s']. */
  static SparseModel model(int states, int actions, double[] t, double[] r) {
    SparseModel.Builder b = new SparseModel.Builder(states, actions);
    for (int s = 0; s < states; s++) {
      for (int a = 0; a < actions; a++) {
        for (int next = 0; next < states; next++) {
          b.add(s, a, next, t[(s * actions + a) * states + next], r[s * actions + a]);
        }
      }
    }
    return b.build();
  }

  static double[] dirichletRows(Rng rng, int states, int actions, double alpha) {
    double[] t = new double[states * actions * states];
    for (int row = 0; row < states * actions; row++) {
      rng.nextDirichlet(alpha, t, row * states, states);
    }
    return t;
  }

  static double[] gaussianRewards(Rng rng, int n, double mean, double std) {
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      r[i] = mean + std * rng.nextGaussian();
    }
    return r;
  }

  @Test
  void optimalQMatchesAHandSolvedChain() {
    // Two states, two actions, deterministic: a0 stays (reward 1 in s0, 0 in s1), a1 switches
    // (reward 0 from s0, 3 from s1). Undiscounted, 2 steps to go:
    // V1 = (max(1, 0), max(0, 3)) = (1, 3);
    // Q2(s0) = (1 + V1(s0), 0 + V1(s1)) = (2, 3); Q2(s1) = (0 + V1(s1), 3 + V1(s0)) = (3, 4).
    double[] t = {1, 0, 0, 1, 0, 1, 1, 0};
    SparseModel m = model(2, 2, t, new double[] {1, 0, 0, 3});
    assertThat(QTables.optimalQ(m, 2, 1.0)).containsExactly(2, 3, 3, 4);
    assertThat(QTables.optimalQ(m, 1, 1.0)).containsExactly(1, 0, 0, 3);
  }

  @Test
  void d1DiscountedQStarDeterminesTheRewardsGivenTheTransitions() {
    Rng rng = new Rng(21);
    double gamma = 0.9;
    for (int trial = 0; trial < 50; trial++) {
      double alpha = trial % 2 == 0 ? 1.0 : 0.1;
      double[] t = dirichletRows(rng, 3, 2, alpha);
      double[] r = gaussianRewards(rng, 6, 1, 1);
      SparseModel m = model(3, 2, t, r);
      double[] q = QTables.discountedQ(m, gamma, 1e-13);
      // R is a function of (T, Q*): equal T and equal Q* imply equal R.
      assertThat(QTables.impliedRewards(m, q, gamma)).containsExactly(r, within(1e-9));

      // Quantitatively: with the same T, ‖Q*₁ − Q*₂‖∞ ≥ ‖R₁ − R₂‖∞ / (1 + γ) > 0.
      double[] r2 = r.clone();
      int i = rng.nextInt(6);
      double eps = 1e-3 * (1 + rng.nextInt(100));
      r2[i] += eps;
      double[] q2 = QTables.discountedQ(model(3, 2, t, r2), gamma, 1e-13);
      assertThat(Closeness.distance(q, q2))
          .as("trial %d", trial)
          .isGreaterThanOrEqualTo(eps / (1 + gamma) - 1e-9);
    }
  }

  @Test
  void d1EqualRewardsAndTransitionsGiveEqualQ() {
    Rng rng = new Rng(22);
    for (int trial = 0; trial < 20; trial++) {
      double[] t = dirichletRows(rng, 3, 2, 0.1);
      double[] r = gaussianRewards(rng, 6, 1, 0.5);
      SparseModel a = model(3, 2, t, r);
      SparseModel b = model(3, 2, t.clone(), r.clone());
      assertThat(QTables.optimalQ(a, 10, 1.0)).containsExactly(QTables.optimalQ(b, 10, 1.0));
      assertThat(QTables.discountedQ(a, 0.9, 1e-12))
          .containsExactly(QTables.discountedQ(b, 0.9, 1e-12));
    }
  }

  @Test
  void theTenStepUndiscountedQDoesNotAlwaysDetermineTheRewards() {
    // Every action moves deterministically to the other state (a 2-cycle). With an even number of
    // steps to go, moving reward between the two states along the cycle leaves Q_10 unchanged:
    // R₁ = ((1, 0.5), (0, 0)) and R₂ = ((0, −0.5), (1, 1)) both give Q_10 = ((5, 4.5), (5, 5)).
    double[] t = {0, 1, 0, 1, 1, 0, 1, 0};
    double[] q1 = QTables.optimalQ(model(2, 2, t, new double[] {1, 0.5, 0, 0}), 10, 1.0);
    double[] q2 = QTables.optimalQ(model(2, 2, t, new double[] {0, -0.5, 1, 1}), 10, 1.0);
    assertThat(q1).containsExactly(5, 4.5, 5, 5);
    assertThat(q2).containsExactly(q1);
    // The stationary discounted Q* does tell them apart, as D.1 says.
    double[] d1 = QTables.discountedQ(model(2, 2, t, new double[] {1, 0.5, 0, 0}), 0.9, 1e-13);
    double[] d2 = QTables.discountedQ(model(2, 2, t, new double[] {0, -0.5, 1, 1}), 0.9, 1e-13);
    assertThat(Closeness.distance(d1, d2)).isGreaterThan(0.5);
  }
}
