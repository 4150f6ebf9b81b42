package org.rl3spark.jobs.tasks;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.rl3spark.jobs.Job;
import org.rl3spark.jobs.JobContext;
import org.rl3spark.jobs.config.Rl3Config;
import org.rl3spark.jobs.publish.Manifest;
import org.rl3spark.jobs.publish.OutputPaths;
import org.rl3spark.jobs.publish.Publication;
import org.rl3spark.jobs.publish.Publication.Published;

/**
 * The {@code tasks} job: generates {@code tasks.count} tasks of {@code tasks.split} of the family
 * {@code tasks.family} and publishes them to {@code <output.dir>/tasks/<family>/<variant>/<split>/}
 * (Parquet, {@code summary.csv}, {@code _MANIFEST.json}).
 */
public final class TasksJob implements Job {

  /** The subcommand name. */
  public static final String NAME = "tasks";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "generate tasks.count tasks of one family and split as Parquet, with summary.csv";
  }

  /** The batch a config asks for. */
  public static TaskBatch batch(Rl3Config c) {
    return new TaskBatch(
        c.tasksFamily(), c.tasks().split(), c.tasks().count(), c.masterSeed(), c.testing());
  }

  /** Where a config's output is published. */
  public static String outputDir(Rl3Config c) {
    return OutputPaths.resolve(c.output().dir(), batch(c).relativeDir());
  }

  @Override
  public String run(JobContext ctx) throws Exception {
    Rl3Config c = ctx.config();
    SparkSession spark = ctx.spark();
    TaskBatch batch = batch(c);
    int partitions = c.spark().partitionsFor(spark.sparkContext().defaultParallelism());
    Published<WrittenTasks> out =
        Publication.publish(
            ctx,
            outputDir(c),
            (staging, fs) -> TaskStage.write(spark, batch, partitions, staging, fs),
            w -> List.of(w.entry()));
    ctx.out().println();
    ctx.out().print(SummaryTable.text(List.of(out.written().summary())));
    ctx.out().println();
    ctx.out()
        .println(
            "tasks written to "
                + OutputPaths.display(out.target())
                + "/ (Parquet, "
                + TaskStage.SUMMARY_FILE
                + ", "
                + Manifest.FILE_NAME
                + ")");
    return out.target().toString();
  }
}
