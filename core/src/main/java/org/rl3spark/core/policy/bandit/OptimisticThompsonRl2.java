package org.rl3spark.core.policy.bandit;

import org.rl3spark.core.policy.Agent;
import org.rl3spark.core.policy.AgentContext;
import org.rl3spark.core.policy.Observation;
import org.rl3spark.core.policy.Policy;

/**
 * "Optimistic" Thompson sampling as the RL² authors coded it: draw {@code samples} joint posterior
 * samples (one Beta(s+1, n−s+1) draw per arm each), keep the sample with the highest posterior
 * log-density, and play its argmax. This is a posterior-mode-seeking variant, not Chapelle and Li's
 * optimistic TS (which floors each draw at the posterior mean); the name says so.
 *
 * @param samples number of joint samples per step, ≥ 1
 */
public record OptimisticThompsonRl2(int samples) implements Policy {

  private static final long serialVersionUID = 1L;

  /** Validates the sample count. */
  public OptimisticThompsonRl2 {
    if (samples < 1) {
      throw new IllegalArgumentException("samples must be >= 1, got " + samples);
    }
  }

  @Override
  public String name() {
    return "ots_rl2(samples=" + samples + ")";
  }

  @Override
  public Agent start(AgentContext ctx) {
    var rng = ctx.rng();
    return new BanditAgent(ctx.numActions()) {
      private final double[] draw = new double[arms];
      private final double[] kept = new double[arms];

      @Override
      public int act(Observation o) {
        double bestLogDensity = Double.NEGATIVE_INFINITY;
        boolean any = false;
        for (int i = 0; i < samples; i++) {
          double logDensity = 0;
          for (int a = 0; a < arms; a++) {
            double alpha = successes[a] + 1.0;
            double beta = pulls[a] - successes[a] + 1.0;
            double x = rng.nextBeta(alpha, beta);
            draw[a] = x;
            // The normalising constants are the same for every sample and do not change the choice.
            logDensity += (alpha - 1) * StrictMath.log(x) + (beta - 1) * StrictMath.log1p(-x);
          }
          if (!any || logDensity > bestLogDensity) {
            bestLogDensity = logDensity;
            System.arraycopy(draw, 0, kept, 0, arms);
            any = true;
          }
        }
        int best = 0;
        for (int a = 1; a < arms; a++) {
          if (kept[a] > kept[best]) {
            best = a;
          }
        }
        return best;
      }
    };
  }
}
