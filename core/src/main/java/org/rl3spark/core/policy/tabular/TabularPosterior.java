package org.rl3spark.core.policy.tabular;

import org.rl3spark.core.random.Rng;

/**
 * TabulaRL's Bayesian learner: for each (s, a) a Normal posterior (μ, precision) on the mean reward
 * with known noise precision τ, and Dirichlet concentrations on the successor.
 *
 * <p>After a transition (s, a, r, s'): precision' = precision + τ, μ' = (μ·precision + r·τ) /
 * precision'. The Dirichlet count of s' grows by 1 only if the episode continues: the last
 * transition of an episode is not counted (a TabulaRL convention).
 */
final class TabularPosterior {

  final int states;
  final int actions;
  final double alpha0;
  final double tau0;
  final double tau;

  /** Posterior mean of R(s, a), at [s·A + a]. */
  final double[] rewardMean;

  /** Posterior precision of R(s, a). */
  final double[] rewardPrecision;

  /** Dirichlet concentrations at [(s·A + a)·S + s']. */
  final double[] concentration;

  /** Sum of the concentrations of each row. */
  final double[] concentrationSum;

  TabularPosterior(int states, int actions, double alpha0, double mu0, double tau0, double tau) {
    this.states = states;
    this.actions = actions;
    this.alpha0 = alpha0;
    this.tau0 = tau0;
    this.tau = tau;
    rewardMean = new double[states * actions];
    rewardPrecision = new double[states * actions];
    concentration = new double[states * actions * states];
    concentrationSum = new double[states * actions];
    java.util.Arrays.fill(rewardMean, mu0);
    java.util.Arrays.fill(rewardPrecision, tau0);
    java.util.Arrays.fill(concentration, alpha0);
    java.util.Arrays.fill(concentrationSum, alpha0 * states);
  }

  void update(int s, int a, double r, int next) {
    int row = s * actions + a;
    double p1 = rewardPrecision[row] + tau;
    rewardMean[row] = (rewardMean[row] * rewardPrecision[row] + r * tau) / p1;
    rewardPrecision[row] = p1;
    if (next >= 0) {
      concentration[row * states + next] += 1;
      concentrationSum[row] += 1;
    }
  }

  /** The MAP model: R = posterior mean, P = normalised concentrations. */
  void map(double[] r, double[] p) {
    System.arraycopy(rewardMean, 0, r, 0, r.length);
    for (int row = 0; row < states * actions; row++) {
      double sum = concentrationSum[row];
      for (int j = 0; j < states; j++) {
        p[row * states + j] = concentration[row * states + j] / sum;
      }
    }
  }

  /** One MDP drawn from the posterior. */
  void sample(Rng rng, double[] r, double[] p) {
    for (int row = 0; row < states * actions; row++) {
      r[row] = rewardMean[row] + rng.nextGaussian() / Math.sqrt(rewardPrecision[row]);
      rng.nextDirichlet(concentration, row * states, p, row * states, states);
    }
  }
}
