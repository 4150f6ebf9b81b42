package org.rl3spark.core.analysis;

import java.io.Serializable;

/**
 * An immutable set of n tables of {@code dim} numbers each (e.g. 6-entry Q-tables), stored column
 * by column so that the pair counters scan one coordinate of many tables at a time. Table i is
 * identified by its position i; every value is finite.
 */
public final class TableSet implements Serializable {

  private static final long serialVersionUID = 1L;

  private final int n;
  private final int dim;

  /** columns[k][i] = coordinate k of table i. */
  private final double[][] columns;

  private TableSet(int n, int dim, double[][] columns) {
    this.n = n;
    this.dim = dim;
    this.columns = columns;
  }

  /**
   * A set from row-major values: table i is {@code values[i·dim .. (i+1)·dim)}.
   *
   * @throws IllegalArgumentException if dim &lt; 1, the length is not a multiple of dim, or a value
   *     is not finite
   */
  public static TableSet ofRowMajor(int dim, double[] values) {
    if (dim < 1) {
      throw new IllegalArgumentException("tables need dim >= 1, got " + dim);
    }
    if (values.length % dim != 0) {
      throw new IllegalArgumentException(
          values.length + " values are not a whole number of tables of " + dim);
    }
    int n = values.length / dim;
    double[][] cols = new double[dim][n];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < dim; k++) {
        double x = values[i * dim + k];
        if (!Double.isFinite(x)) {
          throw new IllegalArgumentException(
              "table " + i + " has a non-finite value " + x + " at coordinate " + k);
        }
        cols[k][i] = x;
      }
    }
    return new TableSet(n, dim, cols);
  }

  /** A set from rows: table i is {@code rows[i]} (all of the same length ≥ 1). */
  public static TableSet ofRows(double[][] rows) {
    if (rows.length == 0) {
      throw new IllegalArgumentException("give the table width of an empty set with ofRowMajor");
    }
    int dim = rows[0].length;
    double[] flat = new double[rows.length * dim];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != dim) {
        throw new IllegalArgumentException(
            "table " + i + " has " + rows[i].length + " values, table 0 has " + dim);
      }
      System.arraycopy(rows[i], 0, flat, i * dim, dim);
    }
    return ofRowMajor(dim, flat);
  }

  /** Number of tables. */
  public int size() {
    return n;
  }

  /** Numbers per table. */
  public int dim() {
    return dim;
  }

  /** Coordinate k of table i. */
  public double get(int i, int k) {
    return columns[k][i];
  }

  /** A copy of table i. */
  public double[] row(int i) {
    double[] r = new double[dim];
    for (int k = 0; k < dim; k++) {
      r[k] = columns[k][i];
    }
    return r;
  }

  /** Coordinate k of every table (not copied: callers must not modify it). */
  double[] column(int k) {
    return columns[k];
  }

  /** The largest |value| over all tables (0 for an empty set). */
  public double maxAbs() {
    double m = 0;
    for (double[] c : columns) {
      for (double x : c) {
        m = Math.max(m, Math.abs(x));
      }
    }
    return m;
  }

  /** Number of unordered pairs of distinct tables, n(n − 1)/2. */
  public long pairs() {
    return pairsOf(n);
  }

  /** n(n − 1)/2. */
  public static long pairsOf(long n) {
    return n * (n - 1) / 2;
  }
}
