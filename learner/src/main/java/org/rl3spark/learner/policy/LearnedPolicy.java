package org.rl3spark.learner.policy;

import org.rl3spark.core.meta.InnerEnvFactory;
import org.rl3spark.core.policy.Agent;
import org.rl3spark.core.policy.AgentContext;
import org.rl3spark.core.policy.Policy;
import org.rl3spark.core.random.Categorical;
import org.rl3spark.core.random.Categorical.Remainder;
import org.rl3spark.core.random.Rng;
import org.rl3spark.learner.infer.StepActor;
import org.rl3spark.learner.infer.StepActorFactory;

/**
 * A trained actor as a {@link Policy}: each meta-episode gets a fresh step actor (its memory — the
 * transformer's key/value cache or the LSTM's state — is reset between tasks), reads the
 * meta-observation of its algorithm's wrapper and samples from softmax(logits) with the policy's
 * generator (stochastic, as the reference tests; or argmax if greedy). A draw in the softmax's
 * rounding remainder goes to the last action ({@link Remainder#LAST_INDEX}), as in every evaluation
 * and shipped-agent replay so far; the training rollouts give it to the last action with positive
 * probability, which differs only when that last action's probability is 0.
 *
 * @param name the name in result tables, algorithm first, e.g. {@code rl3(run=..., it=1000)}
 * @param actors builds the step actors from the trained weights
 * @param inner the observation wrapper the actor was trained on
 * @param numActions n
 * @param greedy act by argmax instead of sampling
 */
public record LearnedPolicy(
    String name, StepActorFactory actors, InnerEnvFactory inner, int numActions, boolean greedy)
    implements Policy {

  private static final long serialVersionUID = 1L;

  @Override
  public boolean needsVector() {
    return true;
  }

  @Override
  public InnerEnvFactory innerEnv() {
    return inner;
  }

  @Override
  public Agent start(AgentContext ctx) {
    if (ctx.budget() > actors.maxLength()) {
      throw new IllegalArgumentException(
          "policy "
              + name
              + " was trained for sequences of "
              + actors.maxLength()
              + " steps and cannot play a budget of "
              + ctx.budget());
    }
    StepActor actor = actors.createSingle();
    actor.reset();
    Rng rng = ctx.rng();
    float[] logits = new float[numActions];
    float[] probs = new float[numActions];
    return o -> {
      actor.step(o.vector, logits);
      Categorical.softmax(logits, 0, numActions, probs, 0);
      return greedy
          ? Categorical.argmax(probs, 0, numActions)
          : Categorical.sample(probs, 0, numActions, rng, Remainder.LAST_INDEX);
    };
  }
}
