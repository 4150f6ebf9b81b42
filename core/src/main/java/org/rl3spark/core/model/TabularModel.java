package org.rl3spark.core.model;

/**
 * A finite MDP model: states {0..numStates-1}, actions {0..numActions-1}, transition probabilities
 * T(s, a, s'), expected rewards R(s, a, s') and a set of absorbing states.
 *
 * <p>Absorbing states loop to themselves with reward 0 under every action. Value iteration only
 * needs {@link #backup}, which implementations compute in time proportional to their number of
 * non-zero transitions; the entry-wise accessors exist for tests, analyses and exports.
 */
public interface TabularModel {

  /** Number of states. */
  int numStates();

  /** Number of actions. */
  int numActions();

  /** Whether {@code s} is absorbing (self-loop, reward 0). */
  boolean isAbsorbing(int s);

  /** T(s, a, s'). For every (s, a) these sum to 1 over s'. */
  double transitionProbability(int s, int a, int next);

  /** R(s, a, s'): the expected reward of the transition (s, a, s'). */
  double expectedReward(int s, int a, int next);

  /** R(s, a) = Σ_s' T(s, a, s') R(s, a, s'). */
  default double expectedReward(int s, int a) {
    double r = 0;
    for (int next = 0; next < numStates(); next++) {
      double p = transitionProbability(s, a, next);
      if (p != 0) {
        r += p * expectedReward(s, a, next);
      }
    }
    return r;
  }

  /**
   * One synchronous Bellman backup of all state-action pairs: q[s·A + a] = Σ_s' T(s, a, s') (R(s,
   * a, s') + γ v[s']).
   *
   * @param gamma discount applied to {@code v}
   * @param v state values, length at least numStates
   * @param q output, length at least numStates·numActions, indexed s·numActions + a
   */
  default void backup(double gamma, double[] v, double[] q) {
    int n = numStates();
    int na = numActions();
    for (int s = 0; s < n; s++) {
      for (int a = 0; a < na; a++) {
        double acc = 0;
        for (int next = 0; next < n; next++) {
          double p = transitionProbability(s, a, next);
          if (p != 0) {
            acc += p * (expectedReward(s, a, next) + gamma * v[next]);
          }
        }
        q[s * na + a] = acc;
      }
    }
  }
}
