package org.rl3spark.envs.family;

import java.util.Objects;

/**
 * One column of the {@code tasks} job's summary (one row per family, variant and split), an
 * aggregate of one task-row column over the split's tasks.
 *
 * @param name the summary column's name
 * @param aggregate how the task-row column is aggregated
 * @param column the task-row column aggregated
 */
public record SummaryColumn(String name, Aggregate aggregate, String column) {

  /** How a summary column aggregates its task-row column. */
  public enum Aggregate {
    /** The mean over the tasks. */
    MEAN,
    /** The number of tasks divided by the column's sum (e.g. tasks per grid drawn). */
    TASKS_PER_TOTAL
  }

  /** Requires every field. */
  public SummaryColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(aggregate, "aggregate");
    Objects.requireNonNull(column, "column");
  }

  /** The mean of {@code column}, named {@code name}. */
  public static SummaryColumn mean(String name, String column) {
    return new SummaryColumn(name, Aggregate.MEAN, column);
  }
}
