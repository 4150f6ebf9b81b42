package org.rl3spark.envs.testing;

import org.rl3spark.core.model.TabularModel;

/** Hand-rolled optimal values, written independently of the main code's solvers. */
public final class Oracles {

  private Oracles() {}

  /**
   * The optimal expected undiscounted return of a whole meta-episode with a known model: H steps,
   * where the inner episode restarts in {@code start} after reaching an absorbing state or after
   * {@code taskHorizon} steps (reference §2.1). Backward induction over (steps to go, state, steps
   * into the episode).
   */
  public static double metaEpisodeValue(TabularModel m, int start, int taskHorizon, int budget) {
    int n = m.numStates();
    int na = m.numActions();
    double[][] next = new double[n][taskHorizon];
    for (int h = 1; h <= budget; h++) {
      double[][] cur = new double[n][taskHorizon];
      for (int s = 0; s < n; s++) {
        for (int e = 0; e < taskHorizon; e++) {
          double best = Double.NEGATIVE_INFINITY;
          for (int a = 0; a < na; a++) {
            double q = 0;
            for (int j = 0; j < n; j++) {
              double p = m.transitionProbability(s, a, j);
              if (p == 0) {
                continue;
              }
              boolean restart = m.isAbsorbing(j) || e + 1 >= taskHorizon;
              double after = restart ? next[start][0] : next[j][e + 1];
              q += p * (m.expectedReward(s, a, j) + after);
            }
            best = Math.max(best, q);
          }
          cur[s][e] = best;
        }
      }
      next = cur;
    }
    return next[start][0];
  }
}
