package org.rl3spark.core.policy.tabular;

import org.rl3spark.core.policy.Agent;
import org.rl3spark.core.policy.AgentContext;
import org.rl3spark.core.policy.Policy;
import org.rl3spark.core.policy.PolicySpec;

/**
 * Posterior sampling for RL (PSRL), and its optimistic variant (OPSRL): at each episode start draw
 * {@code samples} MDPs from the posterior, solve each by finite-horizon value iteration and act
 * greedily on the element-wise maximum of their Q-tables (one sample: PSRL).
 *
 * <p>Priors of the RL² evaluation: reward means N(mu0 = 0, 1/tau0 = 1) (the task distribution's
 * true prior mean is 1), Dirichlet(alpha0 = 1) rows, known noise precision tau = 1.
 *
 * @param samples posterior samples per episode (1 = PSRL)
 * @param alpha0 Dirichlet prior concentration
 * @param mu0 prior mean of the mean rewards
 * @param tau0 prior precision of the mean rewards
 * @param tau known precision of the reward noise
 */
public record Psrl(int samples, double alpha0, double mu0, double tau0, double tau)
    implements Policy {

  private static final long serialVersionUID = 1L;

  /** Validates the priors. */
  public Psrl {
    if (samples < 1) {
      throw new IllegalArgumentException("samples must be >= 1, got " + samples);
    }
    if (!(alpha0 > 0)
        || !(tau0 > 0)
        || !(tau > 0)
        || Double.isInfinite(alpha0)
        || Double.isInfinite(tau0)
        || Double.isInfinite(tau)
        || !Double.isFinite(mu0)) {
      throw new IllegalArgumentException(
          "priors need finite alpha0 > 0, tau0 > 0, tau > 0 and mu0; got alpha0="
              + alpha0
              + ", mu0="
              + mu0
              + ", tau0="
              + tau0
              + ", tau="
              + tau);
    }
  }

  /** PSRL with the RL² evaluation's priors. */
  public static Psrl standard(double mu0) {
    return new Psrl(1, 1.0, mu0, 1.0, 1.0);
  }

  @Override
  public String name() {
    StringBuilder b = new StringBuilder(samples == 1 ? "psrl(" : "opsrl(samples=" + samples + ",");
    b.append("mu0=").append(PolicySpec.format(mu0));
    if (alpha0 != 1) {
      b.append(",alpha0=").append(PolicySpec.format(alpha0));
    }
    if (tau0 != 1) {
      b.append(",tau0=").append(PolicySpec.format(tau0));
    }
    if (tau != 1) {
      b.append(",tau=").append(PolicySpec.format(tau));
    }
    return b.append(')').toString();
  }

  @Override
  public Agent start(AgentContext ctx) {
    int s = ctx.numStates();
    int a = ctx.numActions();
    TabularPosterior posterior = new TabularPosterior(s, a, alpha0, mu0, tau0, tau);
    double[] r = new double[s * a];
    double[] p = new double[s * a * s];
    EpisodicPlanner extra = samples > 1 ? new EpisodicPlanner(s, a, ctx.taskHorizon()) : null;
    return new EpisodicAgent(ctx, posterior, 0) {
      @Override
      protected void updatePolicy(int episode) {
        posterior.sample(rng, r, p);
        planner.solve(r, p, null, null);
        for (int i = 1; i < samples; i++) {
          posterior.sample(rng, r, p);
          extra.solve(r, p, null, null);
          planner.maxWith(extra);
        }
      }
    };
  }
}
