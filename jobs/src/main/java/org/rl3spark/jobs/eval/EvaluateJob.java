package org.rl3spark.jobs.eval;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.rl3spark.core.policy.Policy;
import org.rl3spark.core.policy.PolicySpec;
import org.rl3spark.core.task.TaskFamily;
import org.rl3spark.envs.FamilyPolicies;
import org.rl3spark.jobs.Job;
import org.rl3spark.jobs.JobContext;
import org.rl3spark.jobs.config.CheckpointPolicies;
import org.rl3spark.jobs.config.DemoSet;
import org.rl3spark.jobs.config.EvaluateConfig;
import org.rl3spark.jobs.config.Rl3Config;
import org.rl3spark.jobs.publish.DatasetEntry;
import org.rl3spark.jobs.publish.HadoopFiles;
import org.rl3spark.jobs.publish.Manifest;
import org.rl3spark.jobs.publish.OutputPaths;
import org.rl3spark.jobs.publish.Publication;
import org.rl3spark.jobs.publish.Publication.Published;
import org.rl3spark.jobs.publish.WrittenParquet;
import org.rl3spark.learner.policy.Checkpoints;

/**
 * The {@code evaluate} job: every policy of {@code evaluate.policies} at every budget of {@code
 * evaluate.budgets} on the first {@code evaluate.count} tasks of each set of {@code evaluate.sets}.
 *
 * <p>Stages: build the policies on the driver (Gittins tables are computed here, once, sized by the
 * largest budget) and broadcast them with the sets; evaluate on the executors, distributed by task
 * over a {@code spark.range} of work items ({@link EvaluateTasks}); write the per-task rows;
 * summarise the written rows by Spark aggregation ({@link EvalSummary}); write the summary files.
 * Only the summary reaches the driver. Everything is written into a staging directory and published
 * as {@code <output.dir>/eval/<name>/} when complete:
 *
 * <ul>
 *   <li>{@code parquet/}: per-task rows ({@link EvalSchemas#RESULTS});
 *   <li>{@code summary.csv}, {@code summary.md}, {@code summary/} (Parquet): one row per (family,
 *       variant, split, budget, policy), sets in config order, budgets ascending, policies in
 *       config order;
 *   <li>{@code _MANIFEST.json} recording both datasets.
 * </ul>
 */
public final class EvaluateJob implements Job {

  /** The subcommand name. */
  public static final String NAME = "evaluate";

  /** Per-task rows, relative to the output directory. */
  public static final String RESULTS_DIR = "parquet";

  /** The summary as Parquet, relative to the output directory. */
  public static final String SUMMARY_DIR = "summary";

  /** The summary as CSV. */
  public static final String SUMMARY_CSV = "summary.csv";

  /** The summary as a Markdown table. */
  public static final String SUMMARY_MD = "summary.md";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "policies x budgets on held-out tasks: per-task Parquet and a summary table";
  }

  /** Where a config's output is published. */
  public static String outputDir(Rl3Config c) {
    return OutputPaths.resolve(c.output().dir(), "eval/" + c.evaluate().name());
  }

  /**
   * The plan of a config: each set with its policies built for the largest budget. Policies of a
   * family are built once and shared by its sets; Gittins tables are computed in parallel.
   *
   * @throws IllegalStateException if two policies of a set have the same name
   */
  public static EvalPlan plan(Rl3Config c) {
    EvaluateConfig e = c.evaluate();
    Map<String, List<Policy>> byFamily = new HashMap<>();
    List<EvalPlan.PlanSet> sets = new ArrayList<>();
    for (DemoSet s : e.sets()) {
      TaskFamily f = s.taskFamily();
      List<Policy> policies =
          byFamily.computeIfAbsent(
              f.family(),
              name -> {
                List<Policy> out = new ArrayList<>();
                for (String text : e.policies()) {
                  if (CheckpointPolicies.isCheckpoint(text)) {
                    if (CheckpointPolicies.family(text).equals(name)) {
                      out.add(CheckpointPolicies.create(text));
                    }
                  } else if (FamilyPolicies.names(name).contains(PolicySpec.parse(text).name())) {
                    out.addAll(
                        PolicySpec.parse(text).expand().parallelStream()
                            .map(spec -> FamilyPolicies.create(spec, name, e.maxBudget()))
                            .toList());
                  }
                }
                return out;
              });
      Set<String> names = new HashSet<>();
      for (Policy p : policies) {
        if (!names.add(p.name())) {
          throw new IllegalStateException("two policies are named " + p.name());
        }
      }
      sets.add(new EvalPlan.PlanSet(f, s.split(), policies));
    }
    int[] budgets = e.budgets().stream().mapToInt(Integer::intValue).toArray();
    return new EvalPlan(sets, e.count(), budgets, c.masterSeed(), c.testing());
  }

  /**
   * The per-task rows of a plan, computed on the executors: items 0 .. items − 1 in {@code
   * min(partitions, items)} contiguous partitions. Lazy.
   */
  public static Dataset<Row> results(
      SparkSession spark, Broadcast<EvalPlan> plan, int partitions, LongAccumulator tasksDone) {
    long items = plan.value().items();
    int slices = (int) Math.max(1, Math.min(partitions, items));
    return spark
        .range(0, items, 1, slices)
        .mapPartitions(new EvaluateTasks(plan, tasksDone), Encoders.row(EvalSchemas.RESULTS));
  }

  /** The written summary and the manifest's dataset entries. */
  public record Written(List<SummaryRow> summary, List<DatasetEntry> entries) {}

  /**
   * Evaluates a plan and writes everything into {@code dir} (which must not exist): the per-task
   * rows, then the summary computed from the rows read back, in CSV, Markdown and Parquet.
   *
   * @throws IllegalStateException if the written rows fail validation (counts, keys, non-finite
   *     returns)
   */
  public static Written write(
      SparkSession spark,
      EvalPlan plan,
      int partitions,
      Path dir,
      FileSystem fs,
      LongAccumulator tasksDone)
      throws IOException {
    Broadcast<EvalPlan> shipped =
        JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(plan);
    Path parquet = new Path(dir, RESULTS_DIR);
    results(spark, shipped, partitions, tasksDone)
        .write()
        .mode(SaveMode.ErrorIfExists)
        .parquet(parquet.toString());
    WrittenParquet files = WrittenParquet.list(fs, dir, RESULTS_DIR);
    Dataset<Row> written = files.read(spark, EvalSchemas.RESULTS);
    List<SummaryRow> summary =
        EvalSummary.compute(written, EvalSummary.expectedKeys(plan), plan.count());
    long rows = summary.stream().mapToLong(SummaryRow::nTasks).sum();
    if (rows != plan.resultRows()) {
      throw new IllegalStateException(
          "wrote " + rows + " result rows but the plan has " + plan.resultRows());
    }
    Path summaryParquet = new Path(dir, SUMMARY_DIR);
    spark
        .createDataFrame(summary.stream().map(SummaryRow::toRow).toList(), EvalSchemas.SUMMARY)
        .coalesce(1)
        .write()
        .mode(SaveMode.ErrorIfExists)
        .parquet(summaryParquet.toString());
    HadoopFiles.writeText(fs, new Path(dir, SUMMARY_CSV), SummaryFiles.csv(summary));
    HadoopFiles.writeText(fs, new Path(dir, SUMMARY_MD), SummaryFiles.markdown(summary));
    // Only after success: a failed run may still have tasks reading it (the cleaner frees it).
    shipped.destroy();
    return new Written(
        summary,
        List.of(
            new DatasetEntry(RESULTS_DIR, rows, files.files()),
            new DatasetEntry(
                SUMMARY_DIR, summary.size(), WrittenParquet.list(fs, dir, SUMMARY_DIR).files())));
  }

  /**
   * The {@code checkpoint:<run>} entries whose run's newest checkpoint is damaged, so that an older
   * one is used: each is reported on stderr and returned for the manifest.
   */
  static List<Manifest.Fallback> checkpointFallbacks(List<String> policies, JobContext ctx) {
    List<Manifest.Fallback> out = new ArrayList<>();
    for (String text : policies) {
      if (!CheckpointPolicies.isCheckpoint(text)) {
        continue;
      }
      CheckpointPolicies.fallback(text)
          .ifPresent(
              scan -> {
                ctx.warn(text + ": " + scan.describe());
                String used = scan.newestValid().map(Object::toString).orElse("");
                for (Checkpoints.Damaged d : scan.skipped()) {
                  out.add(new Manifest.Fallback(text, used, d.dir().toString(), d.problem()));
                }
              });
    }
    return out;
  }

  @Override
  public String run(JobContext ctx) throws Exception {
    Rl3Config c = ctx.config();
    SparkSession spark = ctx.spark();
    long start = System.nanoTime();
    List<Manifest.Fallback> fallbacks = checkpointFallbacks(c.evaluate().policies(), ctx);
    EvalPlan plan = plan(c);
    double planSeconds = (System.nanoTime() - start) / 1e9;
    int partitions = c.spark().partitionsFor(spark.sparkContext().defaultParallelism());
    Published<Written> out =
        Publication.publish(
            ctx,
            outputDir(c),
            (staging, fs) -> {
              try (Progress progress =
                  new Progress(
                      spark, NAME, plan.items(), c.evaluate().progressSeconds(), ctx.out())) {
                return write(spark, plan, partitions, staging, fs, progress.accumulator());
              }
            },
            Written::entries,
            fallbacks);
    Written written = out.written();
    double seconds = (System.nanoTime() - start) / 1e9;
    ctx.out().println();
    ctx.out().print(SummaryFiles.markdown(written.summary()));
    ctx.out().println();
    ctx.out()
        .printf(
            Locale.ROOT,
            "evaluated %d tasks x %d budgets (%d result rows) in %.1f s (policies built in %.1f s)%n",
            plan.items(),
            plan.budgets().length,
            plan.resultRows(),
            seconds,
            planSeconds);
    ctx.out()
        .println(
            "written to "
                + OutputPaths.display(out.target())
                + "/ ("
                + RESULTS_DIR
                + "/, "
                + SUMMARY_CSV
                + ", "
                + SUMMARY_MD
                + ", "
                + SUMMARY_DIR
                + "/, "
                + Manifest.FILE_NAME
                + ")");
    return out.target().toString();
  }
}
