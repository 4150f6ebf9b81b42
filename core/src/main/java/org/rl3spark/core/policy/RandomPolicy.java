package org.rl3spark.core.policy;

/** Uniformly random actions. Its expected bandit return is H/2; on random MDPs 10 per episode. */
public record RandomPolicy() implements Policy {

  private static final long serialVersionUID = 1L;

  @Override
  public String name() {
    return "random";
  }

  @Override
  public Agent start(AgentContext ctx) {
    int n = ctx.numActions();
    var rng = ctx.rng();
    return o -> rng.nextInt(n);
  }
}
