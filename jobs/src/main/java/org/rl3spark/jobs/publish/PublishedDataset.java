package org.rl3spark.jobs.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A published dataset, validated before use.
 *
 * <p>{@link #open} checks, before any work is done with the data, that: the directory has a {@code
 * _MANIFEST.json} with an entry for itself; every data file it lists exists with its recorded size
 * and no other data file is present; every required column is present in every file with the
 * required type; no required column has nulls; floating-point columns (and arrays of them) hold
 * only finite values; the key columns are unique; and the row count equals the manifest's. Only the
 * files listed in the manifest are read, with the explicit schema, and {@code ignoreCorruptFiles}
 * is never used, so nothing is silently dropped.
 *
 * @param path the dataset directory (qualified)
 * @param manifest its manifest
 * @param rows its rows, read with the expected schema from the manifest's files
 */
public record PublishedDataset(String path, Manifest manifest, Dataset<Row> rows) {

  /**
   * Opens and validates a published dataset.
   *
   * @param spark the session
   * @param path the dataset directory (local path or Hadoop URI)
   * @param expected required columns, types and key
   * @throws InvalidDatasetException naming the path and the problem
   */
  public static PublishedDataset open(SparkSession spark, String path, ExpectedSchema expected) {
    return open(spark, path, null, expected);
  }

  /**
   * Opens and validates one dataset of a published output.
   *
   * @param spark the session
   * @param path the output directory holding the {@code _MANIFEST.json}
   * @param dataset the dataset's directory relative to {@code path} as recorded in the manifest;
   *     null to take the manifest's only dataset
   * @param expected required columns, types and key
   * @throws InvalidDatasetException naming the path and the problem
   */
  public static PublishedDataset open(
      SparkSession spark, String path, String dataset, ExpectedSchema expected) {
    Path dir = new Path(path);
    FileSystem fs;
    try {
      fs = HadoopFiles.fs(dir, spark.sparkContext().hadoopConfiguration());
      dir = fs.makeQualified(dir);
    } catch (IOException e) {
      throw new InvalidDatasetException(path, "cannot access: " + e.getMessage(), e);
    }
    String where = dir.toString();
    Manifest manifest = readManifest(fs, dir, where);
    DatasetEntry entry =
        (dataset == null && manifest.datasets().size() == 1
                ? java.util.Optional.of(manifest.datasets().get(0))
                : manifest.dataset(dataset == null ? DatasetEntry.HERE : dataset))
            .orElseThrow(
                () ->
                    new InvalidDatasetException(
                        where,
                        "its manifest records no dataset in this"
                            + " directory; open one of: "
                            + manifest.datasets().stream().map(DatasetEntry::path).toList()));
    if (entry.path().contains("..") || entry.path().startsWith("/")) {
      throw new InvalidDatasetException(where, "dataset path " + entry.path() + " leaves it");
    }
    List<String> files = checkFiles(fs, dir, entry, where);
    if (files.isEmpty()) {
      if (entry.rows() != 0) {
        throw new InvalidDatasetException(
            where, "manifest says " + entry.rows() + " rows but lists no data files");
      }
      return new PublishedDataset(
          where, manifest, spark.createDataFrame(List.of(), expected.schema()));
    }
    checkColumns(spark, files, expected, where);
    Dataset<Row> rows =
        strictRead(spark).schema(expected.schema()).parquet(files.toArray(String[]::new));
    checkContents(rows, expected, entry.rows(), where);
    return new PublishedDataset(where, manifest, rows);
  }

  private static Manifest readManifest(FileSystem fs, Path dir, String where) {
    Path file = new Path(dir, Manifest.FILE_NAME);
    try {
      if (!HadoopFiles.isDirectory(fs, dir)) {
        throw new InvalidDatasetException(where, "no such directory");
      }
      if (!HadoopFiles.isFile(fs, file)) {
        throw new InvalidDatasetException(
            where,
            "no "
                + Manifest.FILE_NAME
                + ": it is not a published rl3 output (an unfinished or failed run, or files not"
                + " written by rl3); rerun the job that writes it");
      }
      return Manifest.fromJson(HadoopFiles.readText(fs, file), file.toString());
    } catch (IOException e) {
      throw new InvalidDatasetException(where, "cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The listed files, checked against the directory; returns their qualified paths. */
  private static List<String> checkFiles(
      FileSystem fs, Path dir, DatasetEntry entry, String where) {
    List<String> problems = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    Set<String> listed = new HashSet<>();
    try {
      for (DataFile f : entry.files()) {
        if (f.path().contains("..") || f.path().startsWith("/")) {
          problems.add("file path " + f.path() + " leaves the dataset directory");
          continue;
        }
        Path p = new Path(dir, f.path());
        listed.add(p.getName());
        try {
          FileStatus s = fs.getFileStatus(p);
          if (s.getLen() != f.bytes()) {
            problems.add(
                f.path() + " has " + s.getLen() + " bytes, the manifest says " + f.bytes());
          }
        } catch (FileNotFoundException e) {
          problems.add(f.path() + " is listed in the manifest but missing");
        }
        paths.add(p.toString());
      }
      Path entryDir = DatasetEntry.HERE.equals(entry.path()) ? dir : new Path(dir, entry.path());
      for (FileStatus s : fs.listStatus(entryDir)) {
        String name = s.getPath().getName();
        if (s.isFile() && HadoopFiles.isDataFileName(name) && !listed.contains(name)) {
          problems.add(name + " is not listed in the manifest");
        }
      }
    } catch (IOException e) {
      throw new InvalidDatasetException(where, "cannot list files: " + e.getMessage(), e);
    }
    if (!problems.isEmpty()) {
      throw new InvalidDatasetException(where, String.join("; ", problems));
    }
    return paths;
  }

  /** Every required column present in every file with the required type. */
  private static void checkColumns(
      SparkSession spark, List<String> files, ExpectedSchema expected, String where) {
    StructType actual;
    try {
      actual =
          strictRead(spark)
              .option("mergeSchema", "true")
              .parquet(files.toArray(String[]::new))
              .schema();
    } catch (Exception e) { // Spark throws its checked SparkException undeclared
      throw new InvalidDatasetException(
          where,
          "cannot read the Parquet schema (files disagree or are corrupt): " + e.getMessage(),
          e);
    }
    Map<String, DataType> types = new LinkedHashMap<>();
    for (StructField f : actual.fields()) {
      types.put(f.name(), f.dataType());
    }
    List<String> problems = new ArrayList<>();
    for (StructField f : expected.schema().fields()) {
      DataType t = types.get(f.name());
      if (t == null) {
        problems.add("column " + f.name() + " is missing");
      } else if (!sameType(t, f.dataType())) {
        problems.add(
            "column "
                + f.name()
                + " has type "
                + t.simpleString()
                + ", expected "
                + f.dataType().simpleString());
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidDatasetException(where, String.join("; ", problems));
    }
  }

  /** Row count, nulls, non-finite numbers (one pass), then key uniqueness. */
  private static void checkContents(
      Dataset<Row> rows, ExpectedSchema expected, long expectedRows, String where) {
    List<Column> aggs = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    aggs.add(count(lit(1)));
    labels.add("rows");
    for (StructField f : expected.schema().fields()) {
      String c = "`" + f.name() + "`";
      aggs.add(sum(when(col(c).isNull(), 1).otherwise(0)));
      labels.add("null values in column " + f.name());
      if (isFloating(f.dataType())) {
        aggs.add(
            sum(when(expr("isnan(" + c + ") OR abs(" + c + ") = double('inf')"), 1).otherwise(0)));
        labels.add("non-finite values in column " + f.name());
      } else if (f.dataType() instanceof ArrayType a && isFloating(a.elementType())) {
        aggs.add(
            sum(
                when(expr("exists(" + c + ", x -> isnan(x) OR abs(x) = double('inf'))"), 1)
                    .otherwise(0)));
        labels.add("rows with non-finite values in column " + f.name());
      }
    }
    Row r;
    try {
      r = rows.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).first();
    } catch (Exception e) { // Spark throws its checked SparkException undeclared
      throw new InvalidDatasetException(
          where, "cannot read the data (corrupt file?): " + firstLine(e.getMessage()), e);
    }
    long actualRows = r.getLong(0);
    List<String> problems = new ArrayList<>();
    if (actualRows != expectedRows) {
      problems.add(
          "the manifest records "
              + expectedRows
              + " rows but the Parquet files hold "
              + actualRows
              + " (files changed after publishing, or a partial copy)");
    }
    for (int i = 1; i < labels.size(); i++) {
      long n = r.isNullAt(i) ? 0 : r.getLong(i);
      if (n > 0) {
        problems.add(n + " " + labels.get(i));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidDatasetException(where, String.join("; ", problems));
    }
    if (!expected.keys().isEmpty()) {
      Column[] keys = expected.keys().stream().map(k -> col("`" + k + "`")).toArray(Column[]::new);
      List<Row> dups =
          rows.groupBy(keys).count().where(col("count").gt(1)).limit(3).collectAsList();
      if (!dups.isEmpty()) {
        throw new InvalidDatasetException(
            where, "key " + expected.keys() + " is not unique," + " e.g. " + dups);
      }
    }
  }

  /**
   * A reader that fails on corrupt or missing files whatever the session says (the per-read options
   * override {@code spark.sql.files.ignoreCorruptFiles} / {@code ignoreMissingFiles}).
   */
  public static DataFrameReader strictRead(SparkSession spark) {
    return spark.read().option("ignoreCorruptFiles", "false").option("ignoreMissingFiles", "false");
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }

  private static boolean isFloating(DataType t) {
    return t.equals(DataTypes.DoubleType) || t.equals(DataTypes.FloatType);
  }

  /** Type equality ignoring nullability (Parquet read-back makes every column nullable). */
  static boolean sameType(DataType a, DataType b) {
    if (a instanceof ArrayType x && b instanceof ArrayType y) {
      return sameType(x.elementType(), y.elementType());
    }
    if (a instanceof StructType x && b instanceof StructType y) {
      if (x.fields().length != y.fields().length) {
        return false;
      }
      for (int i = 0; i < x.fields().length; i++) {
        if (!x.fields()[i].name().equals(y.fields()[i].name())
            || !sameType(x.fields()[i].dataType(), y.fields()[i].dataType())) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }
}
