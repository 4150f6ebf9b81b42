package org.rl3spark.jobs.eval;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.rl3spark.core.policy.Policy;
import org.rl3spark.core.task.TaskFamily;
import org.rl3spark.envs.FamilyPolicies;
import org.rl3spark.jobs.Job;
import org.rl3spark.jobs.JobContext;
import org.rl3spark.jobs.config.Rl3Config;
import org.rl3spark.jobs.config.RolloutConfig;
import org.rl3spark.jobs.publish.DatasetEntry;
import org.rl3spark.jobs.publish.Manifest;
import org.rl3spark.jobs.publish.OutputPaths;
import org.rl3spark.jobs.publish.Publication;
import org.rl3spark.jobs.publish.Publication.Published;
import org.rl3spark.jobs.publish.WrittenParquet;

/**
 * The {@code rollout} job: plays {@code rollout.policy} through {@code rollout.episodes}
 * meta-episodes of budget {@code rollout.budget} on each of the first {@code rollout.count} tasks
 * of the family {@code rollout.family} and split {@code rollout.split}, distributed by task ({@link
 * RolloutSteps}), and publishes every step to {@code <output.dir>/rollout/<name>/parquet/} ({@link
 * EvalSchemas#TRAJECTORIES}) with a manifest. Episode e of task i is the meta-episode that {@code
 * evaluate} would play with episode e (evaluate plays 0), so their returns agree.
 */
public final class RolloutJob implements Job {

  /** The subcommand name. */
  public static final String NAME = "rollout";

  /** Trajectories, relative to the output directory. */
  public static final String TRAJECTORIES_DIR = "parquet";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "one policy through the tasks of a split: every step as Parquet (trajectories)";
  }

  /**
   * The output name: {@code rollout.name}, or {@code <family>-<variant>-<split>-<policy>-h<budget>}
   * with every character of the policy name outside {@code [A-Za-z0-9_.]} turned into {@code -}.
   */
  public static String outputName(Rl3Config c) {
    RolloutConfig r = c.rollout();
    if (!r.name().isEmpty()) {
      return r.name();
    }
    String policy = r.policyName().replaceAll("[^A-Za-z0-9_.]+", "-").replaceAll("-+$", "");
    return String.join(
        "-", r.family(), c.rolloutFamily().variant(), r.split().id(), policy, "h" + r.budget());
  }

  /** Where a config's output is published. */
  public static String outputDir(Rl3Config c) {
    return OutputPaths.resolve(c.output().dir(), NAME + "/" + outputName(c));
  }

  /** The trajectory rows of a config, computed on the executors. Lazy. */
  public static Dataset<Row> trajectories(SparkSession spark, Rl3Config c, int partitions) {
    RolloutConfig r = c.rollout();
    TaskFamily family = c.rolloutFamily();
    Policy policy = FamilyPolicies.create(r.policySpec(), r.family(), r.budget());
    int slices = (int) Math.max(1, Math.min(partitions, r.count()));
    return spark
        .range(0, r.count(), 1, slices)
        .mapPartitions(
            new RolloutSteps(
                family, r.split(), policy, r.budget(), r.episodes(), c.masterSeed(), c.testing()),
            Encoders.row(EvalSchemas.TRAJECTORIES));
  }

  /**
   * Plays and writes the trajectories into {@code dir/parquet} ({@code dir} must not exist).
   *
   * @return the manifest entry
   * @throws IllegalStateException if the written row or key count is not tasks × episodes × H
   */
  public static DatasetEntry write(
      SparkSession spark, Rl3Config c, int partitions, Path dir, FileSystem fs) throws IOException {
    Path parquet = new Path(dir, TRAJECTORIES_DIR);
    trajectories(spark, c, partitions)
        .write()
        .mode(SaveMode.ErrorIfExists)
        .parquet(parquet.toString());
    WrittenParquet files = WrittenParquet.list(fs, dir, TRAJECTORIES_DIR);
    Dataset<Row> written = files.read(spark, EvalSchemas.TRAJECTORIES);
    RolloutConfig r = c.rollout();
    long expected = r.count() * r.episodes() * r.budget();
    Row counts =
        written
            .agg(
                count(lit(1)),
                org.apache.spark.sql.functions.countDistinct(
                    col(EvalSchemas.TASK_INDEX), col(EvalSchemas.EPISODE), col(EvalSchemas.STEP)))
            .first();
    if (counts.getLong(0) != expected || counts.getLong(1) != expected) {
      throw new IllegalStateException(
          "wrote "
              + counts.getLong(0)
              + " trajectory rows ("
              + counts.getLong(1)
              + " distinct keys) but expected "
              + expected);
    }
    return new DatasetEntry(TRAJECTORIES_DIR, expected, files.files());
  }

  @Override
  public String run(JobContext ctx) throws Exception {
    Rl3Config c = ctx.config();
    SparkSession spark = ctx.spark();
    long start = System.nanoTime();
    int partitions = c.spark().partitionsFor(spark.sparkContext().defaultParallelism());
    Published<DatasetEntry> out =
        Publication.publish(
            ctx, outputDir(c), (staging, fs) -> write(spark, c, partitions, staging, fs), List::of);
    RolloutConfig r = c.rollout();
    ctx.out()
        .printf(
            Locale.ROOT,
            "rollout: %s on %d %s %s tasks x %d meta-episodes x H=%d: %d steps in %.1f s%n",
            r.policyName(),
            r.count(),
            c.rolloutFamily().variant(),
            r.split().id(),
            r.episodes(),
            r.budget(),
            out.written().rows(),
            (System.nanoTime() - start) / 1e9);
    ctx.out()
        .println(
            "trajectories written to "
                + OutputPaths.display(out.target())
                + "/"
                + TRAJECTORIES_DIR
                + "/ ("
                + Manifest.FILE_NAME
                + " beside it)");
    return out.target().toString();
  }
}
