package org.rl3spark.core.rollout;

/**
 * One meta-episode: for each step t = 0..H−1 the state acted in, the step within the inner episode,
 * the action, the reward, and whether the step ended an inner episode.
 *
 * @param states task state before each step
 * @param episodeSteps step index within the inner episode before each step
 * @param actions actions taken
 * @param rewards rewards received (raw, undiscounted)
 * @param episodeEnds whether each step ended an inner episode (termination or task horizon)
 * @param totalReturn sum of the rewards
 */
public record Trajectory(
    int[] states,
    int[] episodeSteps,
    int[] actions,
    float[] rewards,
    boolean[] episodeEnds,
    double totalReturn) {

  /** The budget H (number of steps). */
  public int length() {
    return actions.length;
  }
}
