package org.rl3spark.core.analysis;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Exact counting of δ-close pairs by comparing every pair, organised in blocks: the tables are cut
 * into consecutive blocks of {@code blockSize}, and each {@link BlockPair} (i, j) with i ≤ j counts
 * the close pairs with one table in block i and the other in block j (for i = j: the pairs inside
 * the block, each once, no table with itself). Every unordered pair of distinct tables belongs to
 * exactly one block pair, so the counts of all block pairs add up to the total, in any order.
 *
 * <p>One pass counts several thresholds δ_1 &lt; … &lt; δ_m at once: a pair is compared with the
 * largest first (most pairs stop at the first coordinate) and its max-norm distance decides which
 * thresholds it is close under (‖x − y‖∞ &lt; δ is the predicate of {@link Closeness#close}: the
 * maximum of the rounded coordinate differences is exact). Cost: n(n − 1)/2 comparisons.
 */
public final class AllPairs {

  private AllPairs() {}

  /**
   * One piece of work: blocks i ≤ j.
   *
   * @param i the first block
   * @param j the second block, ≥ i
   */
  public record BlockPair(int i, int j) implements Serializable {

    /** Validates 0 ≤ i ≤ j. */
    public BlockPair {
      if (i < 0 || j < i) {
        throw new IllegalArgumentException("block pairs need 0 <= i <= j, got " + i + ", " + j);
      }
    }
  }

  /** Number of blocks of {@code blockSize} that cover n tables. */
  public static int blocks(int n, int blockSize) {
    checkBlockSize(blockSize);
    return (int) ((n + (long) blockSize - 1) / blockSize);
  }

  /** Every block pair (i ≤ j) of n tables, in order (0,0), (0,1), …, (1,1), …. */
  public static List<BlockPair> blockPairs(int n, int blockSize) {
    int b = blocks(n, blockSize);
    List<BlockPair> out = new ArrayList<>();
    for (int i = 0; i < b; i++) {
      for (int j = i; j < b; j++) {
        out.add(new BlockPair(i, j));
      }
    }
    return out;
  }

  /**
   * The close pairs of one block pair under each threshold.
   *
   * @param deltas thresholds, finite, &gt; 0 and strictly increasing
   * @return counts[i] = close pairs under deltas[i]
   */
  public static long[] count(TableSet s, BlockPair p, int blockSize, double[] deltas) {
    return count(s, p, blockSize, deltas, null);
  }

  /**
   * The close pairs of one block pair under one threshold.
   *
   * @param flags if not null, {@code flags[t]} is set for every table t of a close pair
   */
  public static long count(TableSet s, BlockPair p, int blockSize, double delta, boolean[] flags) {
    return count(s, p, blockSize, new double[] {delta}, flags)[0];
  }

  /** The close pairs of all n tables under each threshold: the sums over all block pairs. */
  public static long[] countAll(TableSet s, double[] deltas, int blockSize) {
    long[] total = new long[deltas.length];
    for (BlockPair p : blockPairs(s.size(), blockSize)) {
      long[] c = count(s, p, blockSize, deltas, null);
      for (int i = 0; i < c.length; i++) {
        total[i] += c[i];
      }
    }
    return total;
  }

  /** The close pairs of all n tables under one threshold (flags as in {@link #count}). */
  public static long countAll(TableSet s, double delta, int blockSize, boolean[] flags) {
    long total = 0;
    for (BlockPair p : blockPairs(s.size(), blockSize)) {
      total += count(s, p, blockSize, delta, flags);
    }
    return total;
  }

  /** Close pairs {t, u} with from ≤ t &lt; u &lt; to (flags as in {@link #count}). */
  public static long countWithin(TableSet s, int from, int to, double delta, boolean[] flags) {
    checkRange(s, from, to);
    return new Pass(s, new double[] {delta}, flags).within(from, to)[0];
  }

  /**
   * Close pairs {t, u} with t in [aFrom, aTo) and u in [bFrom, bTo); the ranges must be disjoint
   * (flags as in {@link #count}).
   */
  public static long countBetween(
      TableSet s, int aFrom, int aTo, int bFrom, int bTo, double delta, boolean[] flags) {
    checkRange(s, aFrom, aTo);
    checkRange(s, bFrom, bTo);
    if (aFrom < bTo && bFrom < aTo) {
      throw new IllegalArgumentException(
          "ranges [" + aFrom + ", " + aTo + ") and [" + bFrom + ", " + bTo + ") overlap");
    }
    return new Pass(s, new double[] {delta}, flags).between(aFrom, aTo, bFrom, bTo)[0];
  }

  private static long[] count(
      TableSet s, BlockPair p, int blockSize, double[] deltas, boolean[] flags) {
    checkBlockSize(blockSize);
    int n = s.size();
    int aFrom = (int) Math.min(n, (long) p.i() * blockSize);
    int aTo = (int) Math.min(n, (long) aFrom + blockSize);
    Pass pass = new Pass(s, deltas, flags);
    if (p.i() == p.j()) {
      return pass.within(aFrom, aTo);
    }
    int bFrom = (int) Math.min(n, (long) p.j() * blockSize);
    int bTo = (int) Math.min(n, (long) bFrom + blockSize);
    return pass.between(aFrom, aTo, bFrom, bTo);
  }

  /** The comparisons of one piece of work. */
  private static final class Pass {
    private final double[][] cols;
    private final double[] deltas;
    private final double max;
    private final boolean[] flags;

    /** hist[i] = pairs whose distance is below deltas[i] but not below deltas[i − 1]. */
    private final long[] hist;

    Pass(TableSet s, double[] deltas, boolean[] flags) {
      checkDeltas(deltas);
      if (flags != null && deltas.length != 1) {
        throw new IllegalArgumentException("flags need a single threshold");
      }
      this.cols = new double[s.dim()][];
      for (int k = 0; k < s.dim(); k++) {
        cols[k] = s.column(k);
      }
      this.deltas = deltas.clone();
      this.max = deltas[deltas.length - 1];
      this.flags = flags;
      this.hist = new long[deltas.length];
    }

    long[] within(int from, int to) {
      double[] c0 = cols[0];
      for (int t = from; t < to; t++) {
        double x = c0[t];
        for (int u = t + 1; u < to; u++) {
          if (Math.abs(x - c0[u]) < max) {
            compare(t, u);
          }
        }
      }
      return counts();
    }

    long[] between(int aFrom, int aTo, int bFrom, int bTo) {
      double[] c0 = cols[0];
      for (int t = aFrom; t < aTo; t++) {
        double x = c0[t];
        for (int u = bFrom; u < bTo; u++) {
          if (Math.abs(x - c0[u]) < max) {
            compare(t, u);
          }
        }
      }
      return counts();
    }

    /** Adds the pair to the first threshold its distance is below (if any). */
    private void compare(int t, int u) {
      double d = 0;
      for (double[] c : cols) {
        double e = Math.abs(c[t] - c[u]);
        if (!(e < max)) {
          return;
        }
        d = e > d ? e : d;
      }
      int i = 0;
      while (!(d < deltas[i])) {
        i++;
      }
      hist[i]++;
      if (flags != null) {
        flags[t] = true;
        flags[u] = true;
      }
    }

    private long[] counts() {
      long[] out = new long[hist.length];
      long acc = 0;
      for (int i = 0; i < hist.length; i++) {
        acc += hist[i];
        out[i] = acc;
      }
      return out;
    }
  }

  /** Checks thresholds: at least one, each finite and &gt; 0, strictly increasing. */
  public static void checkDeltas(double[] deltas) {
    if (deltas.length == 0) {
      throw new IllegalArgumentException("give at least one threshold delta");
    }
    for (int i = 0; i < deltas.length; i++) {
      Closeness.checkDelta(deltas[i]);
      if (i > 0 && !(deltas[i] > deltas[i - 1])) {
        throw new IllegalArgumentException(
            "thresholds must be strictly increasing, got " + java.util.Arrays.toString(deltas));
      }
    }
  }

  private static void checkRange(TableSet s, int from, int to) {
    if (from < 0 || to < from || to > s.size()) {
      throw new IllegalArgumentException(
          "range [" + from + ", " + to + ") outside [0, " + s.size() + ")");
    }
  }

  private static void checkBlockSize(int blockSize) {
    if (blockSize < 1) {
      throw new IllegalArgumentException("blockSize must be >= 1, got " + blockSize);
    }
  }
}
