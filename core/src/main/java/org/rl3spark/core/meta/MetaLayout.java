package org.rl3spark.core.meta;

import java.io.Serializable;

/**
 * The layout of a meta-observation (reference §2.1, §2.2, §2.4); offsets 0-based.
 *
 * <pre>
 *   [0, n)      one-hot of the previous action (all zero at the meta-episode start)
 *   n           previous reward, raw (0 at the start)
 *   n+1         1 at the first step of the meta-episode, else 0
 *   n+2         t / H: meta steps taken so far over the budget
 *   n+3         t_τ / TH: steps taken in the current inner episode over the task horizon
 *   [n+4, ...)  the inner env's observation (state encoding, and for RL³ the VAMDP block)
 * </pre>
 *
 * @param numActions n
 * @param innerSize length of the inner observation
 */
public record MetaLayout(int numActions, int innerSize) implements Serializable {

  /** Validates sizes. */
  public MetaLayout {
    if (numActions < 1 || innerSize < 1) {
      throw new IllegalArgumentException(
          "layout needs numActions >= 1 and innerSize >= 1, got " + numActions + ", " + innerSize);
    }
  }

  /** Offset of the previous-action one-hot. */
  public int previousAction() {
    return 0;
  }

  /** Offset of the previous reward. */
  public int previousReward() {
    return numActions;
  }

  /** Offset of the meta-episode start flag. */
  public int startFlag() {
    return numActions + 1;
  }

  /** Offset of t / H. */
  public int metaTime() {
    return numActions + 2;
  }

  /** Offset of t_τ / TH. */
  public int episodeTime() {
    return numActions + 3;
  }

  /** Offset of the inner observation. */
  public int inner() {
    return numActions + 4;
  }

  /** Total length. */
  public int size() {
    return inner() + innerSize;
  }
}
