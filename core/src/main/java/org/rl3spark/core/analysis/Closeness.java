package org.rl3spark.core.analysis;

/**
 * δ-closeness of tables in the max norm: tables x and y are δ-close when ‖x − y‖∞ &lt; δ, i.e. when
 * |x_k − y_k| &lt; δ for every coordinate k (strictly: a distance of exactly δ is not close).
 *
 * <p>Every counter uses {@link #close} (the same floating-point operations in the same form), so
 * that they agree on every pair, including ties.
 */
public final class Closeness {

  private Closeness() {}

  /**
   * Whether table i of {@code a} and table j of {@code b} (of the same width) are δ-close.
   *
   * @param delta the threshold δ &gt; 0
   */
  public static boolean close(TableSet a, int i, TableSet b, int j, double delta) {
    for (int k = 0; k < a.dim(); k++) {
      if (!(Math.abs(a.get(i, k) - b.get(j, k)) < delta)) {
        return false;
      }
    }
    return true;
  }

  /** Whether two tables of equal length are δ-close. */
  public static boolean close(double[] x, double[] y, double delta) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("tables of " + x.length + " and " + y.length + " values");
    }
    for (int k = 0; k < x.length; k++) {
      if (!(Math.abs(x[k] - y[k]) < delta)) {
        return false;
      }
    }
    return true;
  }

  /** The max-norm distance ‖x − y‖∞ of two tables of equal length. */
  public static double distance(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("tables of " + x.length + " and " + y.length + " values");
    }
    double d = 0;
    for (int k = 0; k < x.length; k++) {
      d = Math.max(d, Math.abs(x[k] - y[k]));
    }
    return d;
  }

  /** Checks a threshold: finite and &gt; 0. */
  static void checkDelta(double delta) {
    if (!(delta > 0) || Double.isInfinite(delta)) {
      throw new IllegalArgumentException("delta must be finite and > 0, got " + delta);
    }
  }

  /**
   * The full test on columns (the counters' inner form of {@link #close}): every coordinate of
   * tables i and j differs by less than δ.
   */
  static boolean close(double[][] cols, int i, int j, double delta) {
    for (double[] c : cols) {
      if (!(Math.abs(c[i] - c[j]) < delta)) {
        return false;
      }
    }
    return true;
  }
}
