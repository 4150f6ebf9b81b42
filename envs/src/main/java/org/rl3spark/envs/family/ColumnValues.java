package org.rl3spark.envs.family;

/** Read access to the family-specific columns of one task row, by column name. */
public interface ColumnValues {

  /** An {@link ColumnType#INT} column. */
  int intValue(String column);

  /** A {@link ColumnType#DOUBLE} column. */
  double doubleValue(String column);

  /** A {@link ColumnType#STRING} column. */
  String string(String column);

  /** A {@link ColumnType#DOUBLE_ARRAY} column, as a fresh array. */
  double[] doubles(String column);
}
