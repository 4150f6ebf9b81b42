package org.rl3spark.jobs.tasks;

import java.util.Objects;
import org.rl3spark.jobs.publish.DatasetEntry;

/**
 * A task dataset written (not yet published).
 *
 * @param summary its summary (also in its {@code summary.csv})
 * @param entry its manifest entry: rows counted in the written Parquet, and its data files
 */
public record WrittenTasks(TaskSummary summary, DatasetEntry entry) {

  /** Requires both fields. */
  public WrittenTasks {
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(entry, "entry");
  }
}
