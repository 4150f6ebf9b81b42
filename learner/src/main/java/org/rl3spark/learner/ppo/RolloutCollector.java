package org.rl3spark.learner.ppo;

import java.util.List;
import org.rl3spark.core.env.Step;
import org.rl3spark.core.meta.InnerEnvFactory;
import org.rl3spark.core.meta.MetaEnv;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.task.Task;
import org.rl3spark.learner.infer.StepActor;

/**
 * Plays one meta-episode per task with a batched {@link StepActor}, all envs in lockstep: at each
 * step the observations of every env go through the actor once, each env samples its action from
 * softmax(logits) with its own generator, and the envs step.
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
      throw new IllegalArgumentException("actor batch " + actor.batchSize() + " != " + n + " tasks");
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
    RolloutBatch batch = new RolloutBatch(n, horizon, m, a, observations, actions, rewards, probs,
        returns);
    actor.reset();
    for (int t = 0; t < horizon; t++) {
      for (int e = 0; e < n; e++) {
        envs[e].observe(stepObs, e * m);
        System.arraycopy(stepObs, e * m, observations, batch.obs(e, t), m);
      }
      actor.step(stepObs, logits);
      for (int e = 0; e < n; e++) {
        int po = (e * horizon + t) * a;
        softmax(logits, e * a, a, probs, po);
        int action = greedy ? argmax(probs, po, a) : sample(probs, po, a, policy[e]);
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

  /** π = softmax(z), in double, written as floats. */
  public static void softmax(float[] z, int zo, int n, float[] out, int oo) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, z[zo + i]);
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += Math.exp(z[zo + i] - max);
    }
    for (int i = 0; i < n; i++) {
      out[oo + i] = (float) (Math.exp(z[zo + i] - max) / sum);
    }
  }

  static int argmax(float[] p, int off, int n) {
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (p[off + i] > p[off + best]) {
        best = i;
      }
    }
    return best;
  }

  static int sample(float[] p, int off, int n, Rng rng) {
    double u = rng.nextDouble();
    double c = 0;
    int last = 0;
    for (int i = 0; i < n; i++) {
      if (p[off + i] > 0) {
        c += p[off + i];
        last = i;
        if (u < c) {
          return i;
        }
      }
    }
    return last;
  }
}
