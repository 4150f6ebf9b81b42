package org.rl3spark.core.policy.bandit;

import org.rl3spark.core.policy.Agent;
import org.rl3spark.core.policy.AgentContext;
import org.rl3spark.core.policy.Observation;
import org.rl3spark.core.policy.Policy;
import org.rl3spark.core.policy.PolicySpec;

/**
 * UCB1 as the RL² authors coded it: index (s+1)/(n+2) + c·sqrt(2 ln t / (n+2)) with t the number of
 * pulls so far; at t = 0 the index is undefined (ln 0) and arm 0 is pulled. Ties go to the lowest
 * arm. (Textbook UCB1, which first pulls every arm once, does much worse at these horizons.)
 *
 * @param c exploration coefficient ≥ 0
 */
public record Ucb1Rl2(double c) implements Policy {

  private static final long serialVersionUID = 1L;

  /** Validates c. */
  public Ucb1Rl2 {
    if (!(c >= 0) || Double.isInfinite(c)) {
      throw new IllegalArgumentException("c must be finite and >= 0, got " + c);
    }
  }

  @Override
  public String name() {
    return "ucb1_rl2(c=" + PolicySpec.format(c) + ")";
  }

  /** The index of arm a after t pulls, with s successes and n pulls of a (t ≥ 1). */
  public double index(int s, int n, int t) {
    return (s + 1.0) / (n + 2.0) + c * Math.sqrt(2 * StrictMath.log(t) / (n + 2.0));
  }

  @Override
  public Agent start(AgentContext ctx) {
    return new BanditAgent(ctx.numActions()) {
      @Override
      public int act(Observation o) {
        if (total == 0) {
          return 0;
        }
        int best = 0;
        double bestIndex = index(successes[0], pulls[0], total);
        for (int a = 1; a < arms; a++) {
          double v = index(successes[a], pulls[a], total);
          if (v > bestIndex) {
            bestIndex = v;
            best = a;
          }
        }
        return best;
      }
    };
  }
}
