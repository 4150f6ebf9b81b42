package org.rl3spark.core.policy.bandit;

import org.rl3spark.core.policy.Agent;

/** Per-task statistics of a bandit baseline: successes s_a and pulls n_a, and the total t. */
abstract class BanditAgent implements Agent {

  protected final int arms;
  protected final int[] successes;
  protected final int[] pulls;
  protected int total;

  BanditAgent(int arms) {
    this.arms = arms;
    this.successes = new int[arms];
    this.pulls = new int[arms];
  }

  @Override
  public void learn(int state, int action, double reward, int nextState, boolean terminated) {
    if (reward > 0) {
      successes[action]++;
    }
    pulls[action]++;
    total++;
  }

  /** argmax_a (s_a + 1) / (n_a + 2), ties to the lowest index. */
  protected final int greedyArm() {
    int best = 0;
    double bestValue = posteriorMean(0);
    for (int a = 1; a < arms; a++) {
      double v = posteriorMean(a);
      if (v > bestValue) {
        bestValue = v;
        best = a;
      }
    }
    return best;
  }

  /** The Beta(1, 1)-posterior mean (s_a + 1) / (n_a + 2). */
  protected final double posteriorMean(int a) {
    return (successes[a] + 1.0) / (pulls[a] + 2.0);
  }
}
