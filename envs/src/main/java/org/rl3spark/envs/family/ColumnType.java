package org.rl3spark.envs.family;

/** The type of a task-row column; {@code jobs} maps each onto one Parquet (Spark SQL) type. */
public enum ColumnType {
  /** A Java {@code int}; values are {@link Integer}. */
  INT,
  /** A Java {@code long}; values are {@link Long}. */
  LONG,
  /** A Java {@code double}; values are {@link Double}. */
  DOUBLE,
  /** Text; values are {@link String}. */
  STRING,
  /** An array of doubles without nulls; values are {@code double[]}. */
  DOUBLE_ARRAY
}
