package org.rl3spark.jobs.analysis;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.SparkSession;
import org.rl3spark.core.analysis.TableSet;
import org.rl3spark.jobs.config.EstimatesConfig;
import org.rl3spark.jobs.config.MdpSetting;

/**
 * Tables computed on the executors and gathered on the driver: optimal Q-tables of a setting's
 * MDPs, and Q-estimate traces of rollouts. The index range is cut into contiguous chunks, one Spark
 * task each; a chunk's values depend only on its indices, and the driver assembles the chunks by
 * index, so the result does not depend on the number of chunks or their order.
 */
public final class TableStages {

  private TableStages() {}

  /** The index range [from, to) of one task. */
  record Chunk(int from, int to) implements Serializable {}

  /** Values of a chunk: rows[i − from] for index i. */
  record ChunkRows(int from, double[][] rows) implements Serializable {}

  /** [0, n) cut into at most {@code parts} contiguous chunks of nearly equal size. */
  static List<Chunk> chunks(int n, int parts) {
    int p = Math.max(1, Math.min(parts, n));
    List<Chunk> out = new ArrayList<>();
    for (int c = 0; c < p; c++) {
      int from = (int) ((long) n * c / p);
      int to = (int) ((long) n * (c + 1) / p);
      if (to > from) {
        out.add(new Chunk(from, to));
      }
    }
    return out;
  }

  /** Runs {@code f} over the chunks of [0, n) and returns rows[i] for every index i. */
  static double[][] gather(
      SparkSession spark, int n, int partitions, Function<Chunk, ChunkRows> f) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<Chunk> chunks = chunks(n, partitions);
    double[][] rows = new double[n][];
    for (ChunkRows c : jsc.parallelize(chunks, chunks.size()).map(f).collect()) {
      System.arraycopy(c.rows(), 0, rows, c.from(), c.rows().length);
    }
    for (int i = 0; i < n; i++) {
      if (rows[i] == null) {
        throw new IllegalStateException("no table was computed for index " + i);
      }
    }
    return rows;
  }

  /**
   * The optimal Q-tables of MDPs 0 .. n − 1 of a setting ({@link AppendixDMdps#optimalQ}), table i
   * at position i.
   */
  public static TableSet optimalQ(
      SparkSession spark,
      long master,
      MdpSetting setting,
      int n,
      int horizon,
      double gamma,
      int partitions) {
    return TableSet.ofRows(
        gather(spark, n, partitions, new OptimalQChunk(master, setting, horizon, gamma)));
  }

  /**
   * Q-estimates of rollouts 0 .. R − 1 of one kind on MDPs 0 .. n − 1: row i·R + r holds, for each
   * requested step t in order, the 6 values of the Q-table after step t of rollout r on MDP i.
   *
   * @param steps the steps t to keep, each in [1, e.steps()]
   */
  public static double[][] estimates(
      SparkSession spark,
      long master,
      EstimatesConfig e,
      int n,
      int kind,
      int rollouts,
      int[] steps,
      int partitions) {
    for (int t : steps) {
      if (t < 1 || t > e.steps()) {
        throw new IllegalArgumentException("step " + t + " outside [1, " + e.steps() + "]");
      }
    }
    long total = (long) n * rollouts;
    if (total > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(n + " MDPs x " + rollouts + " rollouts is too many");
    }
    return gather(
        spark,
        (int) total,
        partitions,
        new EstimatesChunk(master, e, kind, rollouts, steps.clone()));
  }

  /** Executor function: the optimal Q-tables of a chunk of MDP indices. */
  static final class OptimalQChunk implements Function<Chunk, ChunkRows> {
    private static final long serialVersionUID = 1L;
    private final long master;
    private final MdpSetting setting;
    private final int horizon;
    private final double gamma;

    OptimalQChunk(long master, MdpSetting setting, int horizon, double gamma) {
      this.master = master;
      this.setting = setting;
      this.horizon = horizon;
      this.gamma = gamma;
    }

    @Override
    public ChunkRows call(Chunk c) {
      double[][] rows = new double[c.to() - c.from()][];
      for (int i = c.from(); i < c.to(); i++) {
        rows[i - c.from()] = AppendixDMdps.optimalQ(master, setting, i, horizon, gamma);
      }
      return new ChunkRows(c.from(), rows);
    }
  }

  /** Executor function: the Q-estimates at the kept steps of a chunk of (MDP, rollout) rows. */
  static final class EstimatesChunk implements Function<Chunk, ChunkRows> {
    private static final long serialVersionUID = 1L;
    private final long master;
    private final EstimatesConfig e;
    private final int kind;
    private final int rollouts;
    private final int[] steps;

    EstimatesChunk(long master, EstimatesConfig e, int kind, int rollouts, int[] steps) {
      this.master = master;
      this.e = e;
      this.kind = kind;
      this.rollouts = rollouts;
      this.steps = steps;
    }

    @Override
    public ChunkRows call(Chunk c) {
      int w = AppendixDMdps.TABLE;
      double[][] rows = new double[c.to() - c.from()][];
      for (int row = c.from(); row < c.to(); row++) {
        double[][] trace = AppendixDMdps.estimates(master, e, row / rollouts, kind, row % rollouts);
        double[] out = new double[steps.length * w];
        for (int j = 0; j < steps.length; j++) {
          System.arraycopy(trace[steps[j] - 1], 0, out, j * w, w);
        }
        rows[row - c.from()] = out;
      }
      return new ChunkRows(c.from(), rows);
    }
  }
}
