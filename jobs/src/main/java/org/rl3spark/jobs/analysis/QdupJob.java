package org.rl3spark.jobs.analysis;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.rl3spark.core.analysis.AllPairs;
import org.rl3spark.core.analysis.GridIndex;
import org.rl3spark.core.analysis.TableSet;
import org.rl3spark.jobs.Job;
import org.rl3spark.jobs.JobContext;
import org.rl3spark.jobs.config.EstimatesConfig;
import org.rl3spark.jobs.config.QdupConfig;
import org.rl3spark.jobs.config.QuniqueConfig;
import org.rl3spark.jobs.publish.ExpectedSchema;

/**
 * The {@code qdup} job (Fig. 7 left): n MDPs, one rollout of the uniformly random policy each (test
 * rollout 0, {@link AppendixDMdps}), and after every step t the learned model's Q-table; per step
 * and δ, the number and fraction of pairs of MDPs whose tables are δ-close, and the number and
 * fraction of MDPs with at least one δ-close other.
 *
 * <p>The rollouts run on the executors in {@code spark.partitions} chunks; the counting runs in one
 * task per group of steps over the broadcast tables, by every configured method, and the job fails,
 * publishing nothing, unless the methods agree on both numbers. Published to {@code
 * <output.dir>/}{@value #OUTPUT}: one row per (step, δ), columns {@link #SCHEMA}.
 */
public final class QdupJob implements Job {

  /** The subcommand name. */
  public static final String NAME = "qdup";

  /** Output directory under {@code output.dir}. */
  public static final String OUTPUT = "analysis/qdup";

  /** The result rows. */
  public static final StructType SCHEMA =
      new StructType()
          .add("step", DataTypes.IntegerType, false)
          .add("delta", DataTypes.DoubleType, false)
          .add("n_mdps", DataTypes.LongType, false)
          .add("pairs", DataTypes.LongType, false)
          .add("close_pairs", DataTypes.LongType, false)
          .add("close_pair_fraction", DataTypes.DoubleType, false)
          .add("mdps_with_close", DataTypes.LongType, false)
          .add("mdps_with_close_fraction", DataTypes.DoubleType, false);

  /** What readers of the output require. */
  public static final ExpectedSchema EXPECTED =
      new ExpectedSchema(SCHEMA, List.of("step", "delta"));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Fig. 7 left: delta-duplicates among Q-estimates of random MDPs, per step";
  }

  /**
   * The counts of one (step, δ, method).
   *
   * @param step t
   * @param delta δ
   * @param method the counting method
   * @param closePairs δ-close pairs
   * @param withClose MDPs with at least one δ-close other
   */
  record StepCount(int step, double delta, String method, long closePairs, long withClose)
      implements Serializable {}

  @Override
  public String run(JobContext ctx) throws Exception {
    SparkSession spark = ctx.spark();
    EstimatesConfig e = ctx.config().analysis().estimates();
    QdupConfig d = ctx.config().analysis().qdup();
    long master = ctx.config().masterSeed();
    int partitions = ctx.config().spark().partitionsFor(spark.sparkContext().defaultParallelism());
    int n = (int) d.nMdps();
    int[] steps = new int[e.steps()];
    for (int t = 1; t <= e.steps(); t++) {
      steps[t - 1] = t;
    }
    long t0 = System.nanoTime();
    double[][] estimates =
        TableStages.estimates(spark, master, e, n, AppendixDMdps.TEST, 1, steps, partitions);
    ctx.out()
        .printf(
            Locale.ROOT,
            "%d rollouts of %d steps in %.1f s%n",
            n,
            e.steps(),
            QuniqueJob.seconds(t0));
    t0 = System.nanoTime();
    List<StepCount> counts = count(spark, estimates, steps, d, partitions);
    ctx.out().printf(Locale.ROOT, "counted in %.1f s%n", QuniqueJob.seconds(t0));
    List<Row> rows = rows(counts, n, d.methods());
    return ResultTable.publishAndReport(ctx, OUTPUT, EXPECTED, rows);
  }

  /** The counts of every (step, δ, method), steps spread over tasks. */
  static List<StepCount> count(
      SparkSession spark, double[][] estimates, int[] steps, QdupConfig d, int tasks) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<Integer> stepList = new ArrayList<>();
    for (int j = 0; j < steps.length; j++) {
      stepList.add(j);
    }
    Broadcast<double[][]> b = jsc.broadcast(estimates);
    try {
      double[] deltas = d.deltas().stream().mapToDouble(Double::doubleValue).toArray();
      return jsc.parallelize(stepList, Math.max(1, Math.min(tasks, stepList.size())))
          .mapPartitions(new CountSteps(b, steps.clone(), deltas, d.methods()))
          .collect();
    } finally {
      b.destroy();
    }
  }

  /** One row per (step, δ); fails unless every method gave the same two numbers. */
  static List<Row> rows(List<StepCount> counts, int n, List<String> methods) {
    Map<String, List<StepCount>> byKey = new TreeMap<>();
    for (StepCount c : counts) {
      String key = String.format(Locale.ROOT, "%08d %.17g", c.step(), c.delta());
      byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
    }
    long pairs = TableSet.pairsOf(n);
    List<Row> rows = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (List<StepCount> group : byKey.values()) {
      StepCount first = group.get(0);
      if (group.size() != methods.size()) {
        throw new IllegalStateException(
            "step " + first.step() + ", delta " + first.delta() + ": " + group.size() + " counts");
      }
      for (StepCount c : group) {
        if (c.closePairs() != first.closePairs() || c.withClose() != first.withClose()) {
          problems.add("step " + c.step() + ", delta " + c.delta() + ": " + group);
          break;
        }
      }
      rows.add(
          RowFactory.create(
              first.step(),
              first.delta(),
              (long) n,
              pairs,
              first.closePairs(),
              (double) first.closePairs() / pairs,
              first.withClose(),
              (double) first.withClose() / n));
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "the pair-counting methods disagree ("
              + String.join("; ", problems)
              + "): the counts are not trustworthy, nothing is published");
    }
    return rows;
  }

  /** Executor function: the counts of a partition of steps (indices into the kept steps). */
  static final class CountSteps implements FlatMapFunction<Iterator<Integer>, StepCount> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<double[][]> estimates;
    private final int[] steps;
    private final double[] deltas;
    private final List<String> methods;

    CountSteps(
        Broadcast<double[][]> estimates, int[] steps, double[] deltas, List<String> methods) {
      this.estimates = estimates;
      this.steps = steps;
      this.deltas = deltas;
      this.methods = List.copyOf(methods);
    }

    @Override
    public Iterator<StepCount> call(Iterator<Integer> indices) {
      double[][] rows = estimates.value();
      int w = AppendixDMdps.TABLE;
      List<StepCount> out = new ArrayList<>();
      while (indices.hasNext()) {
        int j = indices.next();
        double[] flat = new double[rows.length * w];
        for (int i = 0; i < rows.length; i++) {
          System.arraycopy(rows[i], j * w, flat, i * w, w);
        }
        TableSet tables = TableSet.ofRowMajor(w, flat);
        for (double delta : deltas) {
          for (String m : methods) {
            boolean[] flags = new boolean[tables.size()];
            long close =
                m.equals(QuniqueConfig.ALL_PAIRS)
                    ? AllPairs.countAll(tables, delta, tables.size(), flags)
                    : GridIndex.build(tables, delta).countAll(flags);
            long with = 0;
            for (boolean f : flags) {
              with += f ? 1 : 0;
            }
            out.add(new StepCount(steps[j], delta, m, close, with));
          }
        }
      }
      return out.iterator();
    }
  }
}
