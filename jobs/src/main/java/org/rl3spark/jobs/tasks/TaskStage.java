package org.rl3spark.jobs.tasks;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.rl3spark.jobs.publish.DatasetEntry;
import org.rl3spark.jobs.publish.HadoopFiles;
import org.rl3spark.jobs.publish.OutputPaths;
import org.rl3spark.jobs.publish.WrittenParquet;

/** The tasks stage: generate a {@link TaskBatch} on the executors, write it, summarise it. */
public final class TaskStage {

  /** Name of the per-dataset summary file, beside the Parquet directory. */
  public static final String SUMMARY_FILE = "summary.csv";

  /** Name of the Parquet directory inside a task dataset's directory. */
  public static final String PARQUET_DIR = "parquet";

  private TaskStage() {}

  /**
   * The rows of a batch, generated on the executors: the index range 0 .. count − 1 is split into
   * {@code min(partitions, count)} contiguous partitions and each index becomes a row by {@link
   * GenerateTaskRows}. Lazy: nothing runs until an action.
   */
  public static Dataset<Row> generate(SparkSession spark, TaskBatch batch, int partitions) {
    int slices = (int) Math.max(1, Math.min(partitions, batch.count()));
    StructType schema = TaskSchemas.forFamily(batch.family().family());
    return spark
        .range(0, batch.count(), 1, slices)
        .mapPartitions(
            new GenerateTaskRows(batch.family(), batch.split(), batch.masterSeed(), batch.hooks()),
            Encoders.row(schema));
  }

  /**
   * Generates a batch and writes it as Parquet to {@code dir/}{@value #PARQUET_DIR} ({@code dir}
   * must not exist), then summarises the written files by Spark aggregation and writes {@code
   * dir/}{@value #SUMMARY_FILE} beside them. The summary is computed from the Parquet read back, so
   * the generation runs once. A plain {@code spark.read.parquet(dir + "/parquet")} reads the tasks.
   *
   * @throws IllegalStateException if the written row count differs from the batch's
   */
  public static WrittenTasks write(
      SparkSession spark, TaskBatch batch, int partitions, Path dir, FileSystem fs)
      throws IOException {
    OutputPaths.requireSafeSegments(batch.relativeDir());
    Path parquet = new Path(dir, PARQUET_DIR);
    generate(spark, batch, partitions)
        .write()
        .mode(SaveMode.ErrorIfExists)
        .parquet(parquet.toString());
    WrittenParquet files = WrittenParquet.list(fs, dir, PARQUET_DIR);
    Dataset<Row> written = files.read(spark, TaskSchemas.forFamily(batch.family().family()));
    TaskSummary summary = TaskSummary.compute(written, batch.family().family());
    if (summary.nTasks() != batch.count()) {
      throw new IllegalStateException(
          "wrote " + summary.nTasks() + " tasks to " + dir + " but the batch has " + batch.count());
    }
    HadoopFiles.writeText(fs, new Path(dir, SUMMARY_FILE), SummaryTable.csv(List.of(summary)));
    return new WrittenTasks(
        summary, new DatasetEntry(PARQUET_DIR, summary.nTasks(), files.files()));
  }
}
