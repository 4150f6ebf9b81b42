package org.rl3spark.core.policy.tabular;

import org.rl3spark.core.policy.Agent;
import org.rl3spark.core.policy.AgentContext;
import org.rl3spark.core.policy.Observation;
import org.rl3spark.core.random.Rng;

/**
 * The shared loop of the TabulaRL agents: at the first step of every episode re-plan ({@link
 * #updatePolicy}, with the 1-based episode index), then pick the ε-greedy action on the plan's Q
 * for (state, step within episode), breaking ties uniformly at random.
 */
abstract class EpisodicAgent implements Agent {

  protected final TabularPosterior posterior;
  protected final EpisodicPlanner planner;
  protected final Rng rng;
  private final double epsilon;
  private final int[] ties;
  private int episode;

  EpisodicAgent(AgentContext ctx, TabularPosterior posterior, double epsilon) {
    this.posterior = posterior;
    this.planner = new EpisodicPlanner(ctx.numStates(), ctx.numActions(), ctx.taskHorizon());
    this.rng = ctx.rng();
    this.epsilon = epsilon;
    this.ties = new int[ctx.numActions()];
  }

  /** Re-plans; {@code episode} counts episodes from 1. */
  protected abstract void updatePolicy(int episode);

  @Override
  public int act(Observation o) {
    if (o.episodeStart()) {
      episode++;
      updatePolicy(episode);
    }
    int actions = planner.actions;
    if (epsilon > 0 && rng.nextDouble() < epsilon) {
      return rng.nextInt(actions);
    }
    double[] q = planner.q[o.episodeStep];
    int base = o.state * actions;
    double best = Double.NEGATIVE_INFINITY;
    int n = 0;
    for (int a = 0; a < actions; a++) {
      double v = q[base + a];
      if (v > best) {
        best = v;
        n = 0;
        ties[n++] = a;
      } else if (v == best) {
        ties[n++] = a;
      }
    }
    return n == 1 ? ties[0] : ties[rng.nextInt(n)];
  }

  @Override
  public void learn(int state, int action, double reward, int nextState, boolean terminated) {
    posterior.update(state, action, reward, nextState);
  }
}
