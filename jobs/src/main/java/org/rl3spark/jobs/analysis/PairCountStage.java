package org.rl3spark.jobs.analysis;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.rl3spark.core.analysis.AllPairs;
import org.rl3spark.core.analysis.GridIndex;
import org.rl3spark.core.analysis.TableSet;

/**
 * Exact δ-close pair counts distributed over the executors. The tables (or the grid index) are
 * broadcast; the work is split into independent pieces (block pairs of the all-pairs method, ranges
 * of grid cells) spread over Spark tasks; each task returns its integer counts and the driver adds
 * them up. Integer sums do not depend on how the pieces are grouped or ordered.
 */
public final class PairCountStage {

  private PairCountStage() {}

  /**
   * Close pairs under each threshold by comparing every pair, in block pairs of {@code blockSize}
   * tables spread over {@code tasks} tasks.
   */
  public static long[] allPairs(
      SparkSession spark, TableSet tables, double[] deltas, int blockSize, int tasks) {
    AllPairs.checkDeltas(deltas);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<AllPairs.BlockPair> pairs = AllPairs.blockPairs(tables.size(), blockSize);
    Broadcast<TableSet> b = jsc.broadcast(tables);
    try {
      List<long[]> parts =
          jsc.parallelize(pairs, Math.max(1, Math.min(tasks, pairs.size())))
              .mapPartitions(new CountBlockPairs(b, deltas.clone(), blockSize))
              .collect();
      return sum(parts, deltas.length);
    } finally {
      b.destroy();
    }
  }

  /**
   * Close pairs under the index's threshold by comparing neighbouring grid cells, the cells split
   * into {@code tasks} ranges of about equally many tables.
   */
  public static long grid(SparkSession spark, GridIndex index, int tasks) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int[] bounds = index.cellRanges(Math.max(1, tasks));
    List<int[]> ranges = new ArrayList<>();
    for (int r = 0; r + 1 < bounds.length; r++) {
      ranges.add(new int[] {bounds[r], bounds[r + 1]});
    }
    if (ranges.isEmpty()) {
      return 0;
    }
    Broadcast<GridIndex> b = jsc.broadcast(index);
    try {
      List<long[]> parts =
          jsc.parallelize(ranges, ranges.size()).mapPartitions(new CountCells(b)).collect();
      return sum(parts, 1)[0];
    } finally {
      b.destroy();
    }
  }

  private static long[] sum(List<long[]> parts, int width) {
    long[] total = new long[width];
    for (long[] p : parts) {
      for (int i = 0; i < width; i++) {
        total[i] = Math.addExact(total[i], p[i]);
      }
    }
    return total;
  }

  /** Executor function: the counts of a partition of block pairs. */
  static final class CountBlockPairs
      implements FlatMapFunction<Iterator<AllPairs.BlockPair>, long[]> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<TableSet> tables;
    private final double[] deltas;
    private final int blockSize;

    CountBlockPairs(Broadcast<TableSet> tables, double[] deltas, int blockSize) {
      this.tables = tables;
      this.deltas = deltas;
      this.blockSize = blockSize;
    }

    @Override
    public Iterator<long[]> call(Iterator<AllPairs.BlockPair> pairs) {
      TableSet s = tables.value();
      long[] total = new long[deltas.length];
      while (pairs.hasNext()) {
        long[] c = AllPairs.count(s, pairs.next(), blockSize, deltas);
        for (int i = 0; i < c.length; i++) {
          total[i] += c[i];
        }
      }
      return List.of(total).iterator();
    }
  }

  /** Executor function: the count of a partition of cell ranges. */
  static final class CountCells implements FlatMapFunction<Iterator<int[]>, long[]> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<GridIndex> index;

    CountCells(Broadcast<GridIndex> index) {
      this.index = index;
    }

    @Override
    public Iterator<long[]> call(Iterator<int[]> ranges) {
      GridIndex g = index.value();
      long total = 0;
      while (ranges.hasNext()) {
        int[] r = ranges.next();
        total += g.countCells(r[0], r[1], null);
      }
      return List.of(new long[] {total}).iterator();
    }
  }
}
