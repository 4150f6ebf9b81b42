package org.rl3spark.core.policy;

/**
 * What an agent sees before acting. One instance is reused across the steps of a meta-episode;
 * agents must not keep references to it (or to its vector) between calls.
 */
public final class Observation {

  /** Meta steps taken so far, 0 ≤ t &lt; H. */
  public int step;

  /** Steps taken in the current inner episode, 0 ≤ episodeStep &lt; TH. */
  public int episodeStep;

  /** The current (concrete) state of the task. */
  public int state;

  /** The meta-observation vector (layout of the policy's wrapper), or null if not requested. */
  public float[] vector;

  /** Whether this is the first step of an inner episode. */
  public boolean episodeStart() {
    return episodeStep == 0;
  }
}
