package org.rl3spark.core.ppo;

import java.io.Serializable;
import org.rl3spark.core.config.InvalidSettings;

/**
 * The entropy-bonus coefficient over training (reference §5.5).
 *
 * <p>The reference runs PPO in blocks of {@code blockSize} (10) iterations after each "main"
 * meta-episode k = 1..K, K = scheduleIterations / blockSize; with decay, the coefficient during
 * block k is c0·(1 − k/K): piecewise constant, exactly 0 for the last block. Without decay it is c0
 * throughout.
 *
 * @param initial c0 ≥ 0
 * @param decay whether to decay linearly by blocks
 * @param scheduleIterations the planned number of PPO iterations (the schedule's horizon), so that
 *     a run of fewer iterations is the first part of the planned one; 0 = the run's own iterations,
 *     filled in by {@link #over}
 * @param blockSize iterations per block (10 in the reference)
 */
public record EntropySchedule(double initial, boolean decay, int scheduleIterations, int blockSize)
    implements Serializable {

  /** Validates, naming each problem by its config key. */
  public EntropySchedule {
    new InvalidSettings.Checker()
        .require(
            initial >= 0 && !Double.isInfinite(initial),
            "initial",
            "the entropy coefficient must be finite and >= 0, got " + initial)
        .require(
            scheduleIterations >= 0,
            "schedule-iterations",
            "must be >= 0 (0 = the run's iterations), got " + scheduleIterations)
        .require(blockSize >= 1, "block-size", "must be >= 1, got " + blockSize)
        .throwIfAny();
  }

  /** This schedule, or when its length is 0 (the run's) the same over {@code iterations}. */
  public EntropySchedule over(int iterations) {
    return scheduleIterations > 0
        ? this
        : new EntropySchedule(initial, decay, iterations, blockSize);
  }

  /** The coefficient of 1-based PPO iteration {@code iteration}. */
  public double at(int iteration) {
    if (!decay) {
      return initial;
    }
    if (scheduleIterations < 1) {
      throw new IllegalStateException("the schedule's length is not set: use over(iterations)");
    }
    int blocks = Math.max(1, scheduleIterations / blockSize);
    int block = Math.min(blocks, (iteration - 1) / blockSize + 1);
    return initial * (1 - (double) block / blocks);
  }
}
