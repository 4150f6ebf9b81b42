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
 * <p>Cost: n(n − 1)/2 comparisons; most stop at the first coordinate.
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
   * The close pairs of one block pair.
   *
   * @param flags if not null, {@code flags[t]} is set for every table t of a close pair
   */
  public static long count(
      TableSet s, BlockPair p, int blockSize, double delta, boolean[] flags) {
    checkBlockSize(blockSize);
    int n = s.size();
    int aFrom = (int) Math.min(n, (long) p.i() * blockSize);
    int aTo = (int) Math.min(n, (long) aFrom + blockSize);
    if (p.i() == p.j()) {
      return countWithin(s, aFrom, aTo, delta, flags);
    }
    int bFrom = (int) Math.min(n, (long) p.j() * blockSize);
    int bTo = (int) Math.min(n, (long) bFrom + blockSize);
    return countBetween(s, aFrom, aTo, bFrom, bTo, delta, flags);
  }

  /** The close pairs of all n tables: the sum over all block pairs. */
  public static long countAll(TableSet s, double delta, int blockSize, boolean[] flags) {
    long total = 0;
    for (BlockPair p : blockPairs(s.size(), blockSize)) {
      total += count(s, p, blockSize, delta, flags);
    }
    return total;
  }

  /** Close pairs {t, u} with from ≤ t &lt; u &lt; to. */
  public static long countWithin(TableSet s, int from, int to, double delta, boolean[] flags) {
    Closeness.checkDelta(delta);
    checkRange(s, from, to);
    double[][] cols = columns(s);
    double[] c0 = cols[0];
    long count = 0;
    for (int t = from; t < to; t++) {
      double x = c0[t];
      for (int u = t + 1; u < to; u++) {
        if (Math.abs(x - c0[u]) < delta && Closeness.close(cols, t, u, delta)) {
          count++;
          mark(flags, t, u);
        }
      }
    }
    return count;
  }

  /** Close pairs {t, u} with t in [aFrom, aTo) and u in [bFrom, bTo); the ranges are disjoint. */
  public static long countBetween(
      TableSet s, int aFrom, int aTo, int bFrom, int bTo, double delta, boolean[] flags) {
    Closeness.checkDelta(delta);
    checkRange(s, aFrom, aTo);
    checkRange(s, bFrom, bTo);
    if (aFrom < bTo && bFrom < aTo) {
      throw new IllegalArgumentException(
          "ranges [" + aFrom + ", " + aTo + ") and [" + bFrom + ", " + bTo + ") overlap");
    }
    double[][] cols = columns(s);
    double[] c0 = cols[0];
    long count = 0;
    for (int t = aFrom; t < aTo; t++) {
      double x = c0[t];
      for (int u = bFrom; u < bTo; u++) {
        if (Math.abs(x - c0[u]) < delta && Closeness.close(cols, t, u, delta)) {
          count++;
          mark(flags, t, u);
        }
      }
    }
    return count;
  }

  private static double[][] columns(TableSet s) {
    double[][] cols = new double[s.dim()][];
    for (int k = 0; k < s.dim(); k++) {
      cols[k] = s.column(k);
    }
    return cols;
  }

  private static void mark(boolean[] flags, int t, int u) {
    if (flags != null) {
      flags[t] = true;
      flags[u] = true;
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
