package org.rl3spark.learner.dl4j;

/**
 * The layout of the per-position labels the PPO actor loss reads, after the n one-hot columns of
 * the action taken: [onehot(a) (n) | advantage | old log-prob | entropy coefficient | weight]. The
 * weight carries the averaging: DL4J divides summed gradients by the number of sequences B in a
 * minibatch, so a weight of B / (positions in the minibatch) makes the update the mean over
 * positions, as in the reference.
 */
public final class PpoLabels {

  private PpoLabels() {}

  /** Columns after the one-hot block. */
  public static final int EXTRA = 4;

  /** Offset of the advantage for n actions. */
  public static int advantage(int n) {
    return n;
  }

  /** Offset of the old log-probability. */
  public static int oldLogProb(int n) {
    return n + 1;
  }

  /** Offset of the entropy coefficient. */
  public static int entropyCoef(int n) {
    return n + 2;
  }

  /** Offset of the weight. */
  public static int weight(int n) {
    return n + 3;
  }

  /** Label width for n actions. */
  public static int width(int n) {
    return n + EXTRA;
  }

  /** Critic labels: [target | weight]. */
  public static final int CRITIC_WIDTH = 2;
}
