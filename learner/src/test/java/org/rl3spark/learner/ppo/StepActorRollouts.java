package org.rl3spark.learner.ppo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.random.Seeds;
import org.rl3spark.core.task.Split;
import org.rl3spark.core.task.Task;
import org.rl3spark.learner.infer.StepActor;

/** Test helpers comparing a step actor's rollouts with its network's full-sequence outputs. */
public final class StepActorRollouts {

  private StepActorRollouts() {}

  /**
   * Meta-episodes on test tasks first .. first + actor.batchSize() − 1, played by {@code actor}.
   */
  public static RolloutBatch rollout(TrainingSetup s, StepActor actor, int first, long seed) {
    int count = actor.batchSize();
    List<Task> tasks = new ArrayList<>(count);
    Rng[] dynamics = new Rng[count];
    Rng[] policy = new Rng[count];
    for (int i = 0; i < count; i++) {
      int e = first + i;
      tasks.add(s.family().generate(Split.TEST, e, seed));
      dynamics[i] = Seeds.rng(seed, Seeds.ENV_DYNAMICS, Seeds.hash("test/step-actor"), e);
      policy[i] = Seeds.rng(seed, Seeds.POLICY, Seeds.hash("test/step-actor"), e);
    }
    return RolloutCollector.collect(
        tasks, s.innerEnv(), s.horizon(), actor, dynamics, policy, false);
  }

  /** Largest |a − b| over every env, step and action. */
  public static double maxDifference(float[] a, float[] b) {
    assertThat(a).hasSameSizeAs(b);
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  /** Largest |p − 1/n|: how far from uniform the probabilities are. */
  public static double maxDeviationFromUniform(float[] p, int n) {
    double max = 0;
    for (float x : p) {
      max = Math.max(max, Math.abs(x - 1.0 / n));
    }
    return max;
  }
}
