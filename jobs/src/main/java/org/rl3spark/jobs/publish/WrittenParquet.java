package org.rl3spark.jobs.publish;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The Parquet data files a job has just written into a subdirectory of its output, named as the
 * manifest names them (relative to the output), and a strict read of exactly those files, with
 * which the job checks what it wrote before publishing it.
 *
 * @param dir the output directory the file paths are relative to
 * @param files the data files, {@code <subdir>/<name>}, in name order
 */
public record WrittenParquet(Path dir, List<DataFile> files) {

  /** Copies the file list. */
  public WrittenParquet {
    files = List.copyOf(files);
  }

  /** The data files of {@code dir/subdir}. */
  public static WrittenParquet list(FileSystem fs, Path dir, String subdir) throws IOException {
    List<DataFile> files =
        HadoopFiles.parquetFiles(fs, new Path(dir, subdir)).stream()
            .map(f -> new DataFile(subdir + "/" + f.path(), f.bytes()))
            .toList();
    return new WrittenParquet(dir, files);
  }

  /** The rows of these files with {@code schema} ({@link PublishedDataset#strictRead}). */
  public Dataset<Row> read(SparkSession spark, StructType schema) {
    return PublishedDataset.strictRead(spark)
        .schema(schema)
        .parquet(
            files.stream().map(f -> new Path(dir, f.path()).toString()).toArray(String[]::new));
  }
}
