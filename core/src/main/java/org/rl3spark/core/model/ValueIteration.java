package org.rl3spark.core.model;

/**
 * Value iteration over a {@link TabularModel}.
 *
 * <p>Two solvers:
 *
 * <ul>
 *   <li>{@link #sweep}: the reference code's synchronous (Jacobi) iteration: up to {@code
 *       maxSweeps} sweeps q ← backup(v), v ← max_a q, stopping after the first sweep whose largest
 *       change of q is below ε. Starting from q = v = 0 with γ = 1, k sweeps compute the optimal
 *       k-step value; this is how the grid rejection rule and the VAMDP's object-level RL use it.
 *   <li>{@link #finiteHorizon}: exact backward induction V_h = max_a backup(V_{h-1}), V_0 = 0, for
 *       every number of steps-to-go h (the oracle).
 * </ul>
 */
public final class ValueIteration {

  private ValueIteration() {}

  /**
   * Runs synchronous sweeps in place.
   *
   * @param model the model
   * @param gamma discount
   * @param maxSweeps sweep cap (the reference calls it the horizon)
   * @param epsilon stop after a sweep whose max |q_new − q_old| is below this
   * @param q Q-values, length numStates·numActions; read as the starting point (zeros for a cold
   *     start) and overwritten with the result
   * @param v state values, length numStates; overwritten with max_a q
   * @return the number of sweeps run
   */
  public static int sweep(
      TabularModel model, double gamma, int maxSweeps, double epsilon, double[] q, double[] v) {
    return sweep(
        model, gamma, maxSweeps, epsilon, q, v, new double[model.numStates() * model.numActions()]);
  }

  /**
   * As {@link #sweep(TabularModel, double, int, double, double[], double[])}, with a caller-owned
   * scratch array of length at least numStates·numActions (avoids an allocation per solve).
   */
  public static int sweep(
      TabularModel model,
      double gamma,
      int maxSweeps,
      double epsilon,
      double[] q,
      double[] v,
      double[] qNew) {
    int n = model.numStates();
    int na = model.numActions();
    int sweeps = 0;
    while (sweeps < maxSweeps) {
      model.backup(gamma, v, qNew);
      sweeps++;
      double delta = 0;
      for (int i = 0; i < n * na; i++) {
        delta = Math.max(delta, Math.abs(qNew[i] - q[i]));
        q[i] = qNew[i];
      }
      maxOverActions(q, n, na, v);
      if (delta < epsilon) {
        break;
      }
    }
    return sweeps;
  }

  /**
   * Exact finite-horizon optimal values by backward induction.
   *
   * @return v with v[h][s] the optimal expected (γ-discounted) return of h remaining steps from s,
   *     for h = 0..horizon (v[0] is all zeros)
   */
  public static double[][] finiteHorizon(TabularModel model, int horizon, double gamma) {
    if (horizon < 0) {
      throw new IllegalArgumentException("horizon must be >= 0, got " + horizon);
    }
    int n = model.numStates();
    int na = model.numActions();
    double[][] v = new double[horizon + 1][n];
    double[] q = new double[n * na];
    for (int h = 1; h <= horizon; h++) {
      model.backup(gamma, v[h - 1], q);
      maxOverActions(q, n, na, v[h]);
    }
    return v;
  }

  /**
   * Optimal Q-values with h steps to go: Q_h(s, a) = backup(V_{h-1}) given the output of {@link
   * #finiteHorizon}.
   */
  public static double[] finiteHorizonQ(TabularModel model, double[][] v, int h, double gamma) {
    if (h < 1 || h >= v.length) {
      throw new IllegalArgumentException(
          "steps-to-go must be in [1, " + (v.length - 1) + "]: " + h);
    }
    double[] q = new double[model.numStates() * model.numActions()];
    model.backup(gamma, v[h - 1], q);
    return q;
  }

  /** v[s] = max_a q[s·na + a]. */
  public static void maxOverActions(double[] q, int n, int na, double[] v) {
    for (int s = 0; s < n; s++) {
      double best = q[s * na];
      for (int a = 1; a < na; a++) {
        best = Math.max(best, q[s * na + a]);
      }
      v[s] = best;
    }
  }

  /** The first action with the largest q[s·na + a]. */
  public static int argmax(double[] q, int s, int na) {
    int best = 0;
    for (int a = 1; a < na; a++) {
      if (q[s * na + a] > q[s * na + best]) {
        best = a;
      }
    }
    return best;
  }
}
