package org.rl3spark.learner.ppo;

import java.io.Serializable;
import org.rl3spark.learner.net.ShapedArray;

/**
 * The meta-episodes of one PPO iteration: N sequences of H steps, all starting and ending together.
 *
 * @param envs N
 * @param horizon H
 * @param obsSize m
 * @param numActions n
 * @param observations [N][H + 1][m] flattened: s_1 .. s_{H+1} (the post-final observation last)
 * @param actions [N][H]
 * @param rewards [N][H], raw
 * @param probabilities [N][H][n]: π_old at every step (for the ratio and the KL)
 * @param returns total reward of each meta-episode
 */
public record RolloutBatch(
    int envs,
    int horizon,
    int obsSize,
    int numActions,
    float[] observations,
    int[] actions,
    float[] rewards,
    float[] probabilities,
    double[] returns)
    implements Serializable {

  /** Offset of observation (env, t) in {@link #observations}, 0 ≤ t ≤ H. */
  public int obs(int env, int t) {
    return (env * (horizon + 1) + t) * obsSize;
  }

  /**
   * The observations of {@code envs} at positions 0 .. length − 1 as sequences [k, m, length] (the
   * networks' NCW input; length H for the actor, H + 1 for the critic).
   */
  public ShapedArray sequences(int[] envs, int length) {
    int m = obsSize;
    float[] x = new float[envs.length * m * length];
    for (int i = 0; i < envs.length; i++) {
      for (int t = 0; t < length; t++) {
        int src = obs(envs[i], t);
        for (int j = 0; j < m; j++) {
          x[(i * m + j) * length + t] = observations[src + j];
        }
      }
    }
    return new ShapedArray(x, envs.length, m, length);
  }

  /** The observations of {@code envs} at positions 0 .. length − 1 as rows [k·length, m]. */
  public ShapedArray rows(int[] envs, int length) {
    int m = obsSize;
    float[] x = new float[envs.length * length * m];
    for (int i = 0; i < envs.length; i++) {
      for (int t = 0; t < length; t++) {
        System.arraycopy(observations, obs(envs[i], t), x, (i * length + t) * m, m);
      }
    }
    return new ShapedArray(x, (long) envs.length * length, m);
  }

  /** The observations of steps s = env·H + t (t &lt; H) as rows [k, m]. */
  public ShapedArray stepRows(int[] steps) {
    int m = obsSize;
    float[] x = new float[steps.length * m];
    for (int i = 0; i < steps.length; i++) {
      int s = steps[i];
      System.arraycopy(observations, obs(s / horizon, s % horizon), x, i * m, m);
    }
    return new ShapedArray(x, steps.length, m);
  }

  /** Mean meta-episode return. */
  public double meanReturn() {
    double s = 0;
    for (double r : returns) {
      s += r;
    }
    return s / envs;
  }
}
