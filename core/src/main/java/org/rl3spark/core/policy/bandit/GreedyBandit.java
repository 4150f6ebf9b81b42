package org.rl3spark.core.policy.bandit;

import org.rl3spark.core.policy.Agent;
import org.rl3spark.core.policy.AgentContext;
import org.rl3spark.core.policy.Observation;
import org.rl3spark.core.policy.Policy;
import org.rl3spark.core.policy.PolicySpec;

/**
 * ε-greedy on the Beta(1, 1) posterior means (s+1)/(n+2): with probability ε a uniformly random
 * arm, otherwise the greedy arm (lowest index on ties). ε = 0 is the greedy baseline.
 *
 * @param epsilon exploration probability in [0, 1]
 */
public record GreedyBandit(double epsilon) implements Policy {

  private static final long serialVersionUID = 1L;

  /** Validates ε. */
  public GreedyBandit {
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
    var rng = ctx.rng();
    return new BanditAgent(ctx.numActions()) {
      @Override
      public int act(Observation o) {
        if (epsilon > 0 && rng.nextDouble() < epsilon) {
          return rng.nextInt(arms);
        }
        return greedyArm();
      }
    };
  }
}
