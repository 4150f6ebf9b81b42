package org.rl3spark.jobs.demo;

import java.io.IOException;
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
import org.rl3spark.jobs.publish.Publication;
import org.rl3spark.jobs.publish.Publication.Published;
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
    Published<Sets> out =
        Publication.publish(
            ctx, outputDir(c), (staging, fs) -> write(ctx, partitions, staging, fs), Sets::entries);
    List<TaskSummary> summaries = out.written().summaries();
    List<DatasetEntry> entries = out.written().entries();
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

  /** The task sets written, in order: their summaries and their datasets in the output. */
  private record Sets(List<TaskSummary> summaries, List<DatasetEntry> entries) {}

  /**
   * Writes every set into its own directory of the staging directory (Parquet, summary.csv and a
   * manifest of its own), then the combined summary.
   */
  private static Sets write(JobContext ctx, int partitions, Path staging, FileSystem fs)
      throws IOException {
    List<TaskSummary> summaries = new ArrayList<>();
    List<DatasetEntry> entries = new ArrayList<>();
    for (TaskBatch batch : batches(ctx.config())) {
      Path dir = new Path(staging, batch.relativeDir());
      WrittenTasks w = TaskStage.write(ctx.spark(), batch, partitions, dir, fs);
      HadoopFiles.writeText(
          fs,
          new Path(dir, Manifest.FILE_NAME),
          Publication.manifest(ctx, List.of(w.entry())).toJson());
      summaries.add(w.summary());
      entries.add(w.entry().under(batch.relativeDir()));
    }
    HadoopFiles.writeText(
        fs, new Path(staging, TaskStage.SUMMARY_FILE), SummaryTable.csv(summaries));
    return new Sets(summaries, entries);
  }
}
