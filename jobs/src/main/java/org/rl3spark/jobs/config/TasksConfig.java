package org.rl3spark.jobs.config;

import org.rl3spark.core.task.Split;

/**
 * The {@code tasks} block: what the {@code tasks} job generates.
 *
 * @param family the family name, one of {@link FamiliesConfig#NAMES}
 * @param split the split
 * @param count number of tasks (indices 0 .. count − 1), &gt; 0
 */
public record TasksConfig(String family, Split split, long count) {

  /** Validates the fields. */
  public TasksConfig {
    InvalidFields.Checker check = new InvalidFields.Checker();
    check.require(FamiliesConfig.NAMES.contains(family), "family", FamiliesConfig.unknown(family));
    check.require(split != null, "split", "must be one of train, test, ood");
    check.require(count > 0, "count", "must be > 0, got " + count);
    check.throwIfAny();
  }
}
