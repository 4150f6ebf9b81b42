package org.rl3spark.jobs.analysis;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.rl3spark.jobs.JobContext;
import org.rl3spark.jobs.publish.DatasetEntry;
import org.rl3spark.jobs.publish.ExpectedSchema;
import org.rl3spark.jobs.publish.HadoopFiles;
import org.rl3spark.jobs.publish.Manifest;
import org.rl3spark.jobs.publish.OutputPaths;
import org.rl3spark.jobs.publish.Publication;
import org.rl3spark.jobs.publish.WrittenParquet;

/**
 * A small result table (computed on the driver) published as an rl3 output: {@code <dir>/parquet/}
 * (one Parquet file), {@code <dir>/summary.csv} (the same rows) and {@code <dir>/_MANIFEST.json},
 * written to a staging directory and published only when complete.
 */
public final class ResultTable {

  /** The Parquet directory inside the output. */
  public static final String PARQUET_DIR = "parquet";

  /** The CSV copy of the rows. */
  public static final String SUMMARY_FILE = "summary.csv";

  private ResultTable() {}

  /**
   * Writes and publishes the rows under {@code <output.dir>/<relativeDir>}, then prints them (4
   * significant digits) and where they went: the ending of every Appendix D job.
   *
   * @return the published directory, the job's result
   */
  public static String publishAndReport(
      JobContext ctx, String relativeDir, ExpectedSchema expected, List<Row> rows)
      throws Exception {
    SparkSession spark = ctx.spark();
    Path out =
        Publication.publish(
                ctx,
                OutputPaths.resolve(ctx.config().output().dir(), relativeDir),
                (staging, fs) -> write(spark, expected, rows, staging, fs),
                List::of)
            .target();
    ctx.out().println();
    ctx.out().print(text(expected.schema(), rows, 4));
    ctx.out().println();
    ctx.out()
        .println(
            "written to "
                + OutputPaths.display(out)
                + "/ (Parquet, "
                + SUMMARY_FILE
                + ", "
                + Manifest.FILE_NAME
                + ")");
    return out.toString();
  }

  /**
   * Writes the rows as one Parquet file under {@code dir/parquet} and as {@code dir/summary.csv},
   * checks the Parquet read back has as many rows, and returns the manifest entry.
   */
  static DatasetEntry write(
      SparkSession spark, ExpectedSchema expected, List<Row> rows, Path dir, FileSystem fs)
      throws IOException {
    Path parquet = new Path(dir, PARQUET_DIR);
    spark
        .createDataFrame(rows, expected.schema())
        .coalesce(1)
        .write()
        .mode(SaveMode.ErrorIfExists)
        .parquet(parquet.toString());
    WrittenParquet files = WrittenParquet.list(fs, dir, PARQUET_DIR);
    long written = files.read(spark, expected.schema()).count();
    if (written != rows.size()) {
      throw new IllegalStateException(
          "wrote " + written + " rows to " + parquet + " but there are " + rows.size());
    }
    HadoopFiles.writeText(fs, new Path(dir, SUMMARY_FILE), csv(expected.schema(), rows));
    return new DatasetEntry(PARQUET_DIR, rows.size(), files.files());
  }

  /** The rows as CSV with a header; numbers at full precision, in plain notation. */
  public static String csv(StructType schema, List<Row> rows) {
    StringBuilder b = new StringBuilder(String.join(",", schema.fieldNames())).append('\n');
    for (Row r : rows) {
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < schema.size(); i++) {
        cells.add(csvCell(r.get(i)));
      }
      b.append(String.join(",", cells)).append('\n');
    }
    return b.toString();
  }

  /** The rows as an aligned text table (doubles with {@code digits} significant digits). */
  public static String text(StructType schema, List<Row> rows, int digits) {
    List<List<String>> cells = new ArrayList<>();
    for (Row r : rows) {
      List<String> line = new ArrayList<>();
      for (int i = 0; i < schema.size(); i++) {
        Object v = r.get(i);
        line.add(v instanceof Double d ? textNumber(d, digits) : String.valueOf(v));
      }
      cells.add(line);
    }
    StructField[] fields = schema.fields();
    int[] width = new int[fields.length];
    for (int i = 0; i < fields.length; i++) {
      width[i] = fields[i].name().length();
      for (List<String> line : cells) {
        width[i] = Math.max(width[i], line.get(i).length());
      }
    }
    StringBuilder b = new StringBuilder();
    List<String> header = new ArrayList<>();
    List<String> rule = new ArrayList<>();
    for (int i = 0; i < fields.length; i++) {
      header.add(pad(fields[i].name(), width[i], isText(fields[i])));
      rule.add("-".repeat(width[i]));
    }
    b.append(String.join("  ", header).stripTrailing()).append('\n');
    b.append(String.join("  ", rule)).append('\n');
    for (List<String> line : cells) {
      List<String> padded = new ArrayList<>();
      for (int i = 0; i < fields.length; i++) {
        padded.add(pad(line.get(i), width[i], isText(fields[i])));
      }
      b.append(String.join("  ", padded).stripTrailing()).append('\n');
    }
    return b.toString();
  }

  /** {@code digits} significant digits without trailing zeros (scientific when tiny or huge). */
  static String textNumber(double d, int digits) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return String.format(Locale.ROOT, "%.0f", d);
    }
    String s = String.format(Locale.ROOT, "%." + digits + "g", d);
    if (s.contains("e")) {
      return s;
    }
    return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
  }

  private static boolean isText(StructField f) {
    return f.dataType().equals(DataTypes.StringType);
  }

  private static String pad(String s, int w, boolean left) {
    String p = " ".repeat(w - s.length());
    return left ? s + p : p + s;
  }

  private static String csvCell(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Double d) {
      return Double.isFinite(d) ? BigDecimal.valueOf(d).toPlainString() : d.toString();
    }
    String s = v.toString();
    if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }
}
