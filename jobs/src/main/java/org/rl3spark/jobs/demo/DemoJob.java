package org.rl3spark.jobs.demo;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.rl3spark.jobs.Job;
import org.rl3spark.jobs.JobContext;
import org.rl3spark.jobs.config.DemoSet;
import org.rl3spark.jobs.config.Rl3Config;
import org.rl3spark.jobs.publish.DatasetEntry;
import org.rl3spark.jobs.publish.HadoopFiles;
import org.rl3spark.jobs.publish.Manifest;
import org.rl3spark.jobs.publish.OutputPaths;
import org.rl3spark.jobs.publish.StagedOutput;
import org.rl3spark.jobs.spark.SparkSessions;
import org.rl3spark.jobs.tasks.FaultInjection;
import org.rl3spark.jobs.tasks.SummaryTable;
import org.rl3spark.jobs.tasks.TaskBatch;
import org.rl3spark.jobs.tasks.TaskStage;
import org.rl3spark.jobs.tasks.TaskSummary;
import org.rl3spark.jobs.tasks.WrittenTasks;

/**
 * The {@code demo} job: for every set in {@code demo.sets}, {@code demo.count} tasks written by the
 * tasks stage to {@code <output.dir>/demo/tasks/<family>/<variant>/<split>/} (each with its own
 * {@code summary.csv} and {@code _MANIFEST.json}), plus {@code <output.dir>/demo/summary.csv} with
 * one row per set and a manifest of everything. The whole {@code demo/} directory is published at
 * once.
 */
public final class DemoJob implements Job {

  /** The subcommand name. */
  public static final String NAME = "demo";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "tasks of every family and split in demo.sets, with one combined summary table";
  }

  /** Where a config's output is published. */
  public static String outputDir(Rl3Config c) {
    return OutputPaths.resolve(c.output().dir(), NAME);
  }

  /** The batches of a config's sets, in order. */
  public static List<TaskBatch> batches(Rl3Config c) {
    List<TaskBatch> out = new ArrayList<>();
    for (DemoSet s : c.demo().sets()) {
      out.add(
          new TaskBatch(s.taskFamily(), s.split(), c.demo().count(), c.masterSeed(), c.testing()));
    }
    return out;
  }

  @Override
  public String run(JobContext ctx) throws Exception {
    Rl3Config c = ctx.config();
    SparkSession spark = ctx.spark();
    int partitions = c.spark().partitionsFor(spark.sparkContext().defaultParallelism());
    StagedOutput out =
        StagedOutput.begin(
            outputDir(c),
            ctx.run().runId(),
            spark.sparkContext().hadoopConfiguration(),
            ctx.out()::println);
    FileSystem fs = out.fileSystem();
    List<TaskSummary> summaries = new ArrayList<>();
    List<DatasetEntry> entries = new ArrayList<>();
    try {
      for (TaskBatch batch : batches(c)) {
        Path dir = new Path(out.staging(), batch.relativeDir());
        WrittenTasks w = TaskStage.write(spark, batch, partitions, dir, fs);
        HadoopFiles.writeText(
            fs, new Path(dir, Manifest.FILE_NAME), manifest(ctx, List.of(w.entry())).toJson());
        summaries.add(w.summary());
        entries.add(w.entry().under(batch.relativeDir()));
      }
      HadoopFiles.writeText(
          fs, new Path(out.staging(), TaskStage.SUMMARY_FILE), SummaryTable.csv(summaries));
      FaultInjection.beforePublish(c.testing());
      out.publish(manifest(ctx, entries));
    } catch (Exception | Error e) {
      SparkSessions.awaitIdle(spark, SparkSessions.ABORT_WAIT_MILLIS);
      out.abort();
      throw e;
    }
    ctx.out().println();
    ctx.out().print(SummaryTable.text(summaries));
    ctx.out().println();
    ctx.out()
        .println("summary: " + OutputPaths.display(new Path(out.target(), TaskStage.SUMMARY_FILE)));
    ctx.out().println("Parquet datasets (each with summary.csv and " + Manifest.FILE_NAME + "):");
    for (DatasetEntry e : entries) {
      ctx.out().println("  " + OutputPaths.display(new Path(out.target(), e.path())) + "/");
    }
    return out.target().toString();
  }

  private static Manifest manifest(JobContext ctx, List<DatasetEntry> entries) {
    return Manifest.create(
        ctx.run(),
        ctx.config().masterSeed(),
        ctx.loaded().resolvedJson(),
        ctx.spark().version(),
        entries);
  }
}
