package org.rl3spark.core.task;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which stream of tasks a task comes from. Each split has its own seed stream, so training, test
 * and out-of-distribution tasks never coincide. {@link #OOD} also selects the family's
 * out-of-distribution task distribution.
 */
public enum Split {
  /** Meta-training tasks. */
  TRAIN,
  /** Held-out test tasks from the training distribution. */
  TEST,
  /** Held-out test tasks from the family's out-of-distribution variant. */
  OOD;

  /** The lower-case name used in configs, paths and tables. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code train}, {@code test} or {@code ood} (case-insensitive). */
  public static Split parse(String s) {
    for (Split split : values()) {
      if (split.id().equalsIgnoreCase(s.trim())) {
        return split;
      }
    }
    throw new IllegalArgumentException(
        "unknown split '"
            + s
            + "': expected one of "
            + Arrays.stream(values()).map(Split::id).collect(Collectors.joining(", ")));
  }
}
