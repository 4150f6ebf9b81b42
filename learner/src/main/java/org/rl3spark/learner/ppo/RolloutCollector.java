package org.rl3spark.learner.ppo;

import java.util.List;
import org.rl3spark.core.env.Step;
import org.rl3spark.core.meta.InnerEnvFactory;
import org.rl3spark.core.meta.MetaEnv;
import org.rl3spark.core.random.Categorical;
import org.rl3spark.core.random.Categorical.Remainder;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.task.Task;
import org.rl3spark.learner.infer.StepActor;

/**
 * Plays one meta-episode per task with a batched {@link StepActor}, all envs in lockstep: at each
 * step the observations of every env go through the actor once, each env samples its action from
 * softmax(logits) with its own generator, and the envs step.
 *
 * <p>A draw in the softmax's rounding remainder goes to the last action with positive probability
 * ({@link Remainder#LAST_POSITIVE}), as in every training run so far; actor outputs without any
 * positive probability (NaN logits) stop the rollout.
 */
public final class RolloutCollector {

  private RolloutCollector() {}

  /**
   * Collects the batch.
   *
   * @param tasks one task per env
   * @param inner the inner env of the algorithm (RL² or RL³ wrapper)
   * @param horizon H
   * @param actor a batched actor with batch size = tasks.size()
   * @param dynamics per env, the generator of its env dynamics
   * @param policy per env, the generator of its action sampling
   * @param greedy act greedily (argmax) instead of sampling
   */
  public static RolloutBatch collect(
      List<? extends Task> tasks,
      InnerEnvFactory inner,
      int horizon,
      StepActor actor,
      Rng[] dynamics,
      Rng[] policy,
      boolean greedy) {
    int n = tasks.size();
    if (actor.batchSize() != n) {
      throw new IllegalArgumentException(
          "actor batch " + actor.batchSize() + " != " + n + " tasks");
    }
    MetaEnv[] envs = new MetaEnv[n];
    for (int e = 0; e < n; e++) {
      envs[e] = MetaEnv.of(inner, horizon, tasks.get(e), null);
      envs[e].reset(tasks.get(e), dynamics[e]);
    }
    int m = envs[0].observationSize();
    int a = envs[0].numActions();
    float[] observations = new float[n * (horizon + 1) * m];
    int[] actions = new int[n * horizon];
    float[] rewards = new float[n * horizon];
    float[] probs = new float[n * horizon * a];
    double[] returns = new double[n];
    float[] stepObs = new float[n * m];
    float[] logits = new float[n * a];
    RolloutBatch batch =
        new RolloutBatch(n, horizon, m, a, observations, actions, rewards, probs, returns);
    actor.reset();
    for (int t = 0; t < horizon; t++) {
      for (int e = 0; e < n; e++) {
        envs[e].observe(stepObs, e * m);
        System.arraycopy(stepObs, e * m, observations, batch.obs(e, t), m);
      }
      actor.step(stepObs, logits);
      for (int e = 0; e < n; e++) {
        int po = (e * horizon + t) * a;
        Categorical.softmax(logits, e * a, a, probs, po);
        int action =
            greedy
                ? Categorical.argmax(probs, po, a)
                : Categorical.sample(probs, po, a, policy[e], Remainder.LAST_POSITIVE);
        Step s = envs[e].step(action);
        actions[e * horizon + t] = action;
        rewards[e * horizon + t] = (float) s.reward();
        returns[e] += s.reward();
      }
    }
    for (int e = 0; e < n; e++) {
      envs[e].observe(observations, batch.obs(e, horizon));
    }
    return batch;
  }
}
