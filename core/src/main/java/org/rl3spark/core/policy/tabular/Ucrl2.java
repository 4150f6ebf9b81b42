package org.rl3spark.core.policy.tabular;

import org.rl3spark.core.policy.Agent;
import org.rl3spark.core.policy.AgentContext;
import org.rl3spark.core.policy.Policy;
import org.rl3spark.core.policy.PolicySpec;

/**
 * UCRL2 as TabulaRL codes it: near-flat priors (alpha0 = 1e-5, tau0 = 1e-4), and at each episode
 * start extended value iteration on the MAP model with reward slack scaling·sqrt(4 ln(2SA(t+1)/δ) /
 * n_R) and transition L1 slack scaling·sqrt(4S ln(2SA(t+1)/δ) / n_P), where t is the 1-based
 * episode index and n the observation counts (at least 1).
 *
 * @param scaling confidence-set scale (swept on a log grid in the RL² evaluation)
 * @param delta confidence parameter δ
 */
public record Ucrl2(double scaling, double delta) implements Policy {

  private static final long serialVersionUID = 1L;

  /** TabulaRL's near-flat Dirichlet prior. */
  static final double ALPHA0 = 1e-5;

  /** TabulaRL's near-flat reward prior precision. */
  static final double TAU0 = 1e-4;

  /** Validates. */
  public Ucrl2 {
    if (!(scaling >= 0) || Double.isInfinite(scaling)) {
      throw new IllegalArgumentException("scaling must be finite and >= 0, got " + scaling);
    }
    if (!(delta > 0 && delta < 1)) {
      throw new IllegalArgumentException("delta must be in (0, 1), got " + delta);
    }
  }

  @Override
  public String name() {
    return "ucrl2(scaling="
        + PolicySpec.format(scaling)
        + (delta != 0.05 ? ",delta=" + PolicySpec.format(delta) : "")
        + ")";
  }

  @Override
  public Agent start(AgentContext ctx) {
    int s = ctx.numStates();
    int a = ctx.numActions();
    TabularPosterior posterior = new TabularPosterior(s, a, ALPHA0, 0.0, TAU0, 1.0);
    double[] r = new double[s * a];
    double[] p = new double[s * a * s];
    double[] rSlack = new double[s * a];
    double[] pSlack = new double[s * a];
    return new EpisodicAgent(ctx, posterior, 0) {
      @Override
      protected void updatePolicy(int episode) {
        posterior.map(r, p);
        double log = StrictMath.log(2.0 * s * a * (episode + 1) / delta);
        for (int row = 0; row < s * a; row++) {
          double nR = Math.max(posterior.rewardPrecision[row] - TAU0, 1.0);
          rSlack[row] = scaling * Math.sqrt(4 * log / nR);
          double nP = Math.max(posterior.concentrationSum[row] - ALPHA0, 1.0);
          pSlack[row] = scaling * Math.sqrt(4 * s * log / nP);
        }
        planner.solveExtended(r, p, rSlack, pSlack);
      }
    };
  }
}
