package org.rl3spark.core.policy.tabular;

import org.rl3spark.core.policy.Agent;
import org.rl3spark.core.policy.AgentContext;
import org.rl3spark.core.policy.Policy;
import org.rl3spark.core.policy.PolicySpec;

/**
 * Bayesian exploration bonus (BEB) as TabulaRL codes it: the MAP model (priors alpha0 = 1, mu0 = 0,
 * tau0 = 1) plus a reward bonus 1/(precision + 1) and a transition bonus β·L/(1 + Σα) added once
 * per remaining step, β = 2L²·scaling, L the episode length.
 *
 * @param scaling bonus scale (swept on a log grid in the RL² evaluation)
 */
public record Beb(double scaling) implements Policy {

  private static final long serialVersionUID = 1L;

  /** Validates. */
  public Beb {
    if (!(scaling >= 0) || Double.isInfinite(scaling)) {
      throw new IllegalArgumentException("scaling must be finite and >= 0, got " + scaling);
    }
  }

  @Override
  public String name() {
    return "beb(scaling=" + PolicySpec.format(scaling) + ")";
  }

  @Override
  public Agent start(AgentContext ctx) {
    int s = ctx.numStates();
    int a = ctx.numActions();
    int len = ctx.taskHorizon();
    double beta = 2.0 * len * len * scaling;
    TabularPosterior posterior = new TabularPosterior(s, a, 1.0, 0.0, 1.0, 1.0);
    double[] r = new double[s * a];
    double[] p = new double[s * a * s];
    double[] rBonus = new double[s * a];
    double[] pBonus = new double[s * a];
    return new EpisodicAgent(ctx, posterior, 0) {
      @Override
      protected void updatePolicy(int episode) {
        posterior.map(r, p);
        for (int row = 0; row < s * a; row++) {
          rBonus[row] = 1.0 / (posterior.rewardPrecision[row] + 1);
          pBonus[row] = beta * len / (1 + posterior.concentrationSum[row]);
        }
        planner.solve(r, p, rBonus, pBonus);
      }
    };
  }
}
