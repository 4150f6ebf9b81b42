package org.rl3spark.jobs.eval;

import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Executor function: one group of per-task results (family, variant, split, budget, policy, and its
 * (task_index, return, oracle_return) values sorted by task index) to its statistics. Sums run in
 * task-index order, so the result is the same double for any partitioning of the rows. Values that
 * are not finite are counted, not aggregated: the statistics are then NaN and the driver rejects
 * the run.
 */
final class SummarizeGroup implements MapFunction<Row, Row> {

  private static final long serialVersionUID = 1L;

  /** Output: {@link EvalSchemas#SUMMARY} plus the group's problems. */
  static final StructType SCHEMA =
      EvalSchemas.SUMMARY
          .add(EvalSchemas.field("n_non_finite", DataTypes.LongType))
          .add(EvalSchemas.field("n_duplicate_keys", DataTypes.LongType))
          .add(EvalSchemas.field("first_bad_index", DataTypes.LongType));

  @Override
  public Row call(Row group) {
    List<Row> values = group.getList(5);
    int n = values.size();
    long[] index = new long[n];
    double[] returns = new double[n];
    double[] oracle = new double[n];
    for (int i = 0; i < n; i++) {
      Row v = values.get(i);
      index[i] = v.getLong(0);
      returns[i] = v.getDouble(1);
      oracle[i] = v.getDouble(2);
    }
    Stats s = Stats.of(index, returns, oracle);
    return RowFactory.create(
        group.getString(0),
        group.getString(1),
        group.getString(2),
        group.getInt(3),
        group.getString(4),
        (long) n,
        s.mean(),
        s.se(),
        s.oracleMean(),
        s.mean() / s.oracleMean(),
        s.nonFinite(),
        s.duplicates(),
        s.firstBad());
  }

  /**
   * Statistics of one group.
   *
   * @param mean mean return
   * @param se sample standard deviation / sqrt(n)
   * @param oracleMean mean oracle return
   * @param nonFinite number of tasks with a non-finite return or oracle return
   * @param duplicates number of repeated task indices
   * @param firstBad the first task index with a problem, or −1
   */
  record Stats(
      double mean, double se, double oracleMean, long nonFinite, long duplicates, long firstBad) {

    /**
     * Computes the statistics in the order given (callers sort by task index).
     *
     * @param index task indices, ascending
     * @param returns returns
     * @param oracle oracle returns
     */
    static Stats of(long[] index, double[] returns, double[] oracle) {
      int n = returns.length;
      long nonFinite = 0;
      long duplicates = 0;
      long firstBad = -1;
      for (int i = 0; i < n; i++) {
        boolean bad = !Double.isFinite(returns[i]) || !Double.isFinite(oracle[i]);
        boolean dup = i > 0 && index[i] == index[i - 1];
        nonFinite += bad ? 1 : 0;
        duplicates += dup ? 1 : 0;
        if ((bad || dup) && firstBad < 0) {
          firstBad = index[i];
        }
      }
      if (nonFinite > 0 || n == 0) {
        return new Stats(Double.NaN, Double.NaN, Double.NaN, nonFinite, duplicates, firstBad);
      }
      double sum = 0;
      double oracleSum = 0;
      for (int i = 0; i < n; i++) {
        sum += returns[i];
        oracleSum += oracle[i];
      }
      double mean = sum / n;
      double squares = 0;
      for (int i = 0; i < n; i++) {
        double d = returns[i] - mean;
        squares += d * d;
      }
      double se = n > 1 ? Math.sqrt(squares / (n - 1)) / Math.sqrt(n) : Double.NaN;
      return new Stats(mean, se, oracleSum / n, 0, duplicates, firstBad);
    }
  }
}
