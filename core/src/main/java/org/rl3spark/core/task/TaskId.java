package org.rl3spark.core.task;

import java.io.Serializable;
import java.util.Objects;

/**
 * Identity of a task: family, variant, split and index within the split, plus the seed it was
 * generated from.
 *
 * @param family the family name ({@code bandits}, {@code mdps}, {@code gridworld})
 * @param variant the family variant (e.g. {@code k5}, {@code s10a5}, {@code 13x13_dense})
 * @param split the split the task was drawn for
 * @param index index of the task within its split, from 0
 * @param seed the derived seed its parameters were sampled with
 */
public record TaskId(String family, String variant, Split split, long index, long seed)
    implements Serializable {

  /** Validates the fields. */
  public TaskId {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(split, "split");
    if (index < 0) {
      throw new IllegalArgumentException("task index must be >= 0, got " + index);
    }
  }
}
