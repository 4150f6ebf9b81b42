package org.rl3spark.core.policy.bandit;

import org.rl3spark.core.policy.Agent;
import org.rl3spark.core.policy.AgentContext;
import org.rl3spark.core.policy.Observation;
import org.rl3spark.core.policy.Policy;
import org.rl3spark.core.policy.PolicySpec;

/**
 * The Gittins index policy for Bernoulli arms with a Beta(1, 1) prior: play the arm with the
 * largest index (lowest arm on ties). Bayes-optimal for the infinite γ-discounted problem; for a
 * finite budget γ is a tuning parameter (best γ rises with H: about 0.8–0.9 at H = 10, 0.98 at H =
 * 100, 0.995–0.999 at H = 500).
 *
 * @param table the index table; it must cover the budget
 */
public record GittinsPolicy(GittinsIndexTable table) implements Policy {

  private static final long serialVersionUID = 1L;

  /** The policy for discount γ with a table covering {@code maxPulls} pulls. */
  public static GittinsPolicy of(double gamma, int maxPulls) {
    return new GittinsPolicy(GittinsIndexTable.of(gamma, maxPulls));
  }

  @Override
  public String name() {
    StringBuilder b = new StringBuilder("gittins(gamma=").append(PolicySpec.format(table.gamma()));
    if (table.depth() != GittinsIndexTable.defaultDepth(table.gamma())) {
      b.append(",depth=").append(table.depth());
    }
    if (table.grid() != GittinsIndexTable.DEFAULT_GRID) {
      b.append(",grid=").append(table.grid());
    }
    return b.append(')').toString();
  }

  @Override
  public Agent start(AgentContext ctx) {
    if (ctx.budget() - 1 > table.maxPulls()) {
      throw new IllegalArgumentException(
          "Gittins table covers " + table.maxPulls() + " pulls, budget is " + ctx.budget());
    }
    return new BanditAgent(ctx.numActions()) {
      @Override
      public int act(Observation o) {
        int best = 0;
        double bestIndex = table.index(successes[0], pulls[0]);
        for (int a = 1; a < arms; a++) {
          double v = table.index(successes[a], pulls[a]);
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
