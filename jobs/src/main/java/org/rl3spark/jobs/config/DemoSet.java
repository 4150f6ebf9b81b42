package org.rl3spark.jobs.config;

import java.util.Objects;
import org.rl3spark.core.task.Split;
import org.rl3spark.core.task.TaskFamily;
import org.rl3spark.envs.family.FamilyConfig;

/**
 * One element of {@code demo.sets}: a family (its block, with the set's overrides applied) and a
 * split.
 *
 * @param family the family's settings for this set
 * @param split the split
 */
public record DemoSet(FamilyConfig family, Split split) {

  /** Requires both fields and a split the family supports. */
  public DemoSet {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(split, "split");
    if (!family.toFamily().supports(split)) {
      throw new IllegalArgumentException(unsupportedSplit(family.toFamily(), split));
    }
  }

  /** The task family of this set. */
  public TaskFamily taskFamily() {
    return family.toFamily();
  }

  /** The message for a family that has no such split. */
  static String unsupportedSplit(TaskFamily family, Split split) {
    return family.family()
        + " variant '"
        + family.variant()
        + "' has no '"
        + split.id()
        + "' split: out-of-distribution grids come from the out-of-distribution variants"
        + " (13x13_dense, 13x13_deterministic, 13x13_watery, 13x13_dangerous, 13x13_corner,"
        + " 11x11_deterministic)";
  }
}
