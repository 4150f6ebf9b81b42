package org.rl3spark.envs.family;

import java.util.Objects;

/**
 * One family-specific column of task rows (after the common ones: schema version, family, variant,
 * split, task index, seed). Columns are never null.
 *
 * @param name the column name (snake_case)
 * @param type its type
 */
public record TaskColumn(String name, ColumnType type) {

  /** Requires both fields. */
  public TaskColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }
}
