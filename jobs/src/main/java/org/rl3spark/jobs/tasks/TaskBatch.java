package org.rl3spark.jobs.tasks;

import java.util.Objects;
import org.rl3spark.core.task.Split;
import org.rl3spark.core.task.TaskFamily;
import org.rl3spark.jobs.config.TestingConfig;

/**
 * The tasks one dataset holds: indices 0 .. count − 1 of a family's split.
 *
 * @param family the family
 * @param split the split (supported by the family)
 * @param count number of tasks, &gt; 0
 * @param masterSeed the master seed, ≥ 0
 * @param hooks test-only fault hooks ({@link TestingConfig#NONE} otherwise)
 */
public record TaskBatch(
    TaskFamily family, Split split, long count, long masterSeed, TestingConfig hooks) {

  /** Validates the fields. */
  public TaskBatch {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(hooks, "hooks");
    if (!family.supports(split)) {
      throw new IllegalArgumentException(
          family.family() + " " + family.variant() + " has no split " + split.id());
    }
    if (count <= 0) {
      throw new IllegalArgumentException("count must be > 0, got " + count);
    }
    if (masterSeed < 0) {
      throw new IllegalArgumentException("master seed must be >= 0, got " + masterSeed);
    }
  }

  /** The dataset's directory below an output root: {@code tasks/<family>/<variant>/<split>}. */
  public String relativeDir() {
    return String.join("/", "tasks", family.family(), family.variant(), split.id());
  }
}
