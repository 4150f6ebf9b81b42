package org.rl3spark.core.analysis;

import org.rl3spark.core.model.TabularModel;
import org.rl3spark.core.model.ValueIteration;

/**
 * Optimal Q-tables of known models, flattened as [s·A + a].
 *
 * <p>Appendix D.2 compares Q*-tables of random MDPs with a task horizon of 10: {@link #optimalQ}
 * with {@link #PAPER_HORIZON} and {@link #PAPER_GAMMA} is the optimal 10-step finite-horizon
 * undiscounted Q at the first step (10 steps to go), by exact backward induction. Appendix D.1's
 * argument uses the stationary Bellman equation Q* = R + γ T max Q*, i.e. the discounted
 * infinite-horizon Q* of {@link #discountedQ}.
 */
public final class QTables {

  /** The task horizon of Appendix D: Q at the first of 10 steps. */
  public static final int PAPER_HORIZON = 10;

  /** Appendix D's Q* is undiscounted. */
  public static final double PAPER_GAMMA = 1.0;

  private QTables() {}

  /**
   * The optimal finite-horizon Q-table with {@code horizon} steps to go, by backward induction.
   *
   * @param horizon steps to go, ≥ 1
   * @param gamma discount in (0, 1]
   */
  public static double[] optimalQ(TabularModel model, int horizon, double gamma) {
    if (horizon < 1) {
      throw new IllegalArgumentException("horizon must be >= 1, got " + horizon);
    }
    checkGamma(gamma);
    double[][] v = ValueIteration.finiteHorizon(model, horizon, gamma);
    return ValueIteration.finiteHorizonQ(model, v, horizon, gamma);
  }

  /**
   * The discounted infinite-horizon optimal Q-table, by value iteration until a sweep changes no
   * entry by more than {@code tolerance} (the result is then within tolerance·γ/(1 − γ) of Q*).
   *
   * @param gamma discount in (0, 1)
   * @param tolerance stopping threshold &gt; 0
   */
  public static double[] discountedQ(TabularModel model, double gamma, double tolerance) {
    if (!(gamma > 0 && gamma < 1)) {
      throw new IllegalArgumentException("gamma must be in (0, 1), got " + gamma);
    }
    if (!(tolerance > 0)) {
      throw new IllegalArgumentException("tolerance must be > 0, got " + tolerance);
    }
    int n = model.numStates();
    int na = model.numActions();
    double[] q = new double[n * na];
    double[] v = new double[n];
    ValueIteration.sweep(model, gamma, Integer.MAX_VALUE, tolerance, q, v);
    return q;
  }

  /**
   * The rewards a Q-table implies through the stationary Bellman equation: R(s, a) = Q(s, a) − γ
   * Σ_s' T(s, a, s') max_a' Q(s', a') (Appendix D.1, Eq. 20), for a model without absorbing states.
   */
  public static double[] impliedRewards(TabularModel model, double[] q, double gamma) {
    int n = model.numStates();
    int na = model.numActions();
    if (q.length != n * na) {
      throw new IllegalArgumentException(
          "Q-table of " + q.length + " entries, model has " + n * na);
    }
    double[] v = new double[n];
    ValueIteration.maxOverActions(q, n, na, v);
    double[] r = new double[n * na];
    for (int s = 0; s < n; s++) {
      for (int a = 0; a < na; a++) {
        double next = 0;
        for (int t = 0; t < n; t++) {
          next += model.transitionProbability(s, a, t) * v[t];
        }
        r[s * na + a] = q[s * na + a] - gamma * next;
      }
    }
    return r;
  }

  private static void checkGamma(double gamma) {
    if (!(gamma > 0 && gamma <= 1)) {
      throw new IllegalArgumentException("gamma must be in (0, 1], got " + gamma);
    }
  }
}
