package org.rl3spark.core.policy.tabular;

import org.rl3spark.core.policy.Agent;
import org.rl3spark.core.policy.AgentContext;
import org.rl3spark.core.policy.Policy;
import org.rl3spark.core.policy.PolicySpec;

/**
 * ε-greedy on the MAP model as TabulaRL codes it: vanishing priors (alpha0 = tau0 = 1e-4), value
 * iteration at each episode start, then with probability ε a random action, else the greedy one. ε
 * = 0 is the greedy baseline and ε = 1 is uniformly random.
 *
 * @param epsilon exploration probability in [0, 1]
 */
public record GreedyMap(double epsilon) implements Policy {

  private static final long serialVersionUID = 1L;
  private static final double PRIOR = 1e-4;

  /** Validates ε. */
  public GreedyMap {
    if (!(epsilon >= 0 && epsilon <= 1)) {
      throw new IllegalArgumentException("epsilon must be in [0, 1], got " + epsilon);
    }
  }

  @Override
  public String name() {
    return epsilon == 0 ? "greedy" : "epsilon_greedy(eps=" + PolicySpec.format(epsilon) + ")";
  }

  @Override
  public Agent start(AgentContext ctx) {
    int s = ctx.numStates();
    int a = ctx.numActions();
    TabularPosterior posterior = new TabularPosterior(s, a, PRIOR, 0.0, PRIOR, 1.0);
    double[] r = new double[s * a];
    double[] p = new double[s * a * s];
    return new EpisodicAgent(ctx, posterior, epsilon) {
      @Override
      protected void updatePolicy(int episode) {
        posterior.map(r, p);
        planner.solve(r, p, null, null);
      }
    };
  }
}
