package org.rl3spark.core.ppo;

import java.io.Serializable;

/**
 * The entropy-bonus coefficient over training (reference §5.5).
 *
 * <p>The reference runs PPO in blocks of {@code blockSize} (10) iterations after each "main"
 * meta-episode k = 1..K, K = iterations / blockSize; with decay, the coefficient during block k is
 * c0·(1 − k/K): piecewise constant, exactly 0 for the last block. Without decay it is c0
 * throughout.
 *
 * @param initial c0 ≥ 0
 * @param decay whether to decay linearly by blocks
 * @param totalIterations the planned number of PPO iterations (the schedule's horizon)
 * @param blockSize iterations per block (10 in the reference)
 */
public record EntropySchedule(double initial, boolean decay, int totalIterations, int blockSize)
    implements Serializable {

  /** Validates. */
  public EntropySchedule {
    if (!(initial >= 0) || Double.isInfinite(initial)) {
      throw new IllegalArgumentException("entropy coefficient must be finite and >= 0: " + initial);
    }
    if (totalIterations < 1 || blockSize < 1) {
      throw new IllegalArgumentException(
          "need totalIterations >= 1 and blockSize >= 1, got "
              + totalIterations
              + ", "
              + blockSize);
    }
  }

  /** The coefficient of 1-based PPO iteration {@code iteration}. */
  public double at(int iteration) {
    if (!decay) {
      return initial;
    }
    int blocks = Math.max(1, totalIterations / blockSize);
    int block = Math.min(blocks, (iteration - 1) / blockSize + 1);
    return initial * (1 - (double) block / blocks);
  }
}
