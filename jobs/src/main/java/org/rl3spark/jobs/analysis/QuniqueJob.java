package org.rl3spark.jobs.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.rl3spark.core.analysis.GridIndex;
import org.rl3spark.core.analysis.TableSet;
import org.rl3spark.jobs.Job;
import org.rl3spark.jobs.JobContext;
import org.rl3spark.jobs.config.MdpSetting;
import org.rl3spark.jobs.config.QuniqueConfig;
import org.rl3spark.jobs.publish.ExpectedSchema;

/**
 * The {@code qunique} job (Appendix D.2): for each (α, β) setting, the optimal Q-tables of n random
 * MDPs, and for each δ the exact number of unordered pairs of distinct MDPs whose tables are
 * δ-close, by each configured method; probability = close pairs / (n(n − 1)/2).
 *
 * <p>Published to {@code <output.dir>/}{@value #OUTPUT}: one row per (setting, δ, method) with the
 * columns of {@link #SCHEMA}, as Parquet and {@code summary.csv}. With both methods the job fails,
 * publishing nothing, unless they agree count for count. {@code seconds} is the wall time of the
 * count: for all-pairs the one pass that counts every δ (so its rows share it), for grid the
 * building of the index on the driver plus the distributed count. Tasks: 4 × {@code
 * spark.partitions} (block pairs or cell ranges); the Q-tables in {@code spark.partitions} chunks.
 */
public final class QuniqueJob implements Job {

  /** The subcommand name. */
  public static final String NAME = "qunique";

  /** Output directory under {@code output.dir}. */
  public static final String OUTPUT = "analysis/qunique";

  /** Pair-counting tasks per partition. */
  public static final int TASKS_PER_PARTITION = 4;

  /** The result rows. */
  public static final StructType SCHEMA =
      new StructType()
          .add("alpha", DataTypes.DoubleType, false)
          .add("beta", DataTypes.DoubleType, false)
          .add("n_mdps", DataTypes.LongType, false)
          .add("delta", DataTypes.DoubleType, false)
          .add("method", DataTypes.StringType, false)
          .add("pairs", DataTypes.LongType, false)
          .add("close_pairs", DataTypes.LongType, false)
          .add("probability", DataTypes.DoubleType, false)
          .add("seconds", DataTypes.DoubleType, false);

  /** What readers of the output require. */
  public static final ExpectedSchema EXPECTED =
      new ExpectedSchema(SCHEMA, List.of("alpha", "beta", "delta", "method"));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "App. D.2: exact count of delta-close optimal Q-tables among random 3x2 MDPs";
  }

  @Override
  public String run(JobContext ctx) throws Exception {
    SparkSession spark = ctx.spark();
    QuniqueConfig q = ctx.config().analysis().qunique();
    long master = ctx.config().masterSeed();
    int partitions = ctx.config().spark().partitionsFor(spark.sparkContext().defaultParallelism());
    int tasks = TASKS_PER_PARTITION * partitions;
    int n = (int) q.nMdps();
    double[] deltas = q.deltaArray();
    List<Row> rows = new ArrayList<>();
    for (MdpSetting s : q.settings()) {
      long t0 = System.nanoTime();
      TableSet tables =
          TableStages.optimalQ(spark, master, s, n, q.horizon(), q.gamma(), partitions);
      ctx.out().printf(Locale.ROOT, "%s: %d optimal Q-tables in %.1f s%n", s, n, seconds(t0));
      Map<String, long[]> counts = new LinkedHashMap<>();
      Map<String, double[]> times = new LinkedHashMap<>();
      for (String method : q.methods()) {
        long[] c = new long[deltas.length];
        double[] sec = new double[deltas.length];
        if (method.equals(QuniqueConfig.ALL_PAIRS)) {
          long t = System.nanoTime();
          c = PairCountStage.allPairs(spark, tables, deltas, q.blockSize(), tasks);
          java.util.Arrays.fill(sec, seconds(t));
        } else {
          for (int i = 0; i < deltas.length; i++) {
            long t = System.nanoTime();
            GridIndex index = GridIndex.build(tables, deltas[i], q.gridDims());
            c[i] = PairCountStage.grid(spark, index, tasks);
            sec[i] = seconds(t);
          }
        }
        counts.put(method, c);
        times.put(method, sec);
      }
      checkAgreement(s, deltas, counts);
      long pairs = tables.pairs();
      for (int i = 0; i < deltas.length; i++) {
        for (String method : q.methods()) {
          long close = counts.get(method)[i];
          rows.add(
              RowFactory.create(
                  s.alpha(),
                  s.beta(),
                  (long) n,
                  deltas[i],
                  method,
                  pairs,
                  close,
                  (double) close / pairs,
                  times.get(method)[i]));
        }
      }
    }
    return ResultTable.publishAndReport(ctx, OUTPUT, EXPECTED, rows);
  }

  /** Fails if two methods counted differently for some δ. */
  static void checkAgreement(MdpSetting s, double[] deltas, Map<String, long[]> counts) {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < deltas.length; i++) {
      Map<String, Long> byMethod = new LinkedHashMap<>();
      for (Map.Entry<String, long[]> e : counts.entrySet()) {
        byMethod.put(e.getKey(), e.getValue()[i]);
      }
      if (byMethod.values().stream().distinct().count() > 1) {
        problems.add("delta " + deltas[i] + ": " + byMethod);
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "the pair-counting methods disagree for "
              + s
              + " ("
              + String.join("; ", problems)
              + "): the counts are not trustworthy, nothing is published");
    }
  }

  static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
