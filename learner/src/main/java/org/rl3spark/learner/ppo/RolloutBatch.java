package org.rl3spark.learner.ppo;

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
    double[] returns) {

  /** Offset of observation (env, t) in {@link #observations}, 0 ≤ t ≤ H. */
  public int obs(int env, int t) {
    return (env * (horizon + 1) + t) * obsSize;
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
