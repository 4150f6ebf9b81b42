package org.rl3spark.core.policy.bandit;

import org.rl3spark.core.policy.Agent;
import org.rl3spark.core.policy.AgentContext;
import org.rl3spark.core.policy.Observation;
import org.rl3spark.core.policy.Policy;

/**
 * Thompson sampling with a Beta(1, 1) prior: one draw from Beta(s+1, n−s+1) per arm, play the
 * argmax (lowest index on ties).
 */
public record ThompsonSampling() implements Policy {

  private static final long serialVersionUID = 1L;

  @Override
  public String name() {
    return "thompson";
  }

  @Override
  public Agent start(AgentContext ctx) {
    var rng = ctx.rng();
    return new BanditAgent(ctx.numActions()) {
      @Override
      public int act(Observation o) {
        int best = 0;
        double bestDraw = -1;
        for (int a = 0; a < arms; a++) {
          double x = rng.nextBeta(successes[a] + 1.0, pulls[a] - successes[a] + 1.0);
          if (x > bestDraw) {
            bestDraw = x;
            best = a;
          }
        }
        return best;
      }
    };
  }
}
