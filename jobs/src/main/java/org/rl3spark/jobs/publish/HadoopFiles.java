package org.rl3spark.jobs.publish;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Small helpers over the Hadoop {@link FileSystem} API. */
public final class HadoopFiles {

  private HadoopFiles() {}

  /** The file system of {@code path}. */
  public static FileSystem fs(Path path, Configuration conf) throws IOException {
    return path.getFileSystem(conf);
  }

  /** Whether {@code p} exists and is a directory. */
  public static boolean isDirectory(FileSystem fs, Path p) throws IOException {
    try {
      return fs.getFileStatus(p).isDirectory();
    } catch (FileNotFoundException e) {
      return false;
    }
  }

  /** Whether {@code p} exists and is a file. */
  public static boolean isFile(FileSystem fs, Path p) throws IOException {
    try {
      return fs.getFileStatus(p).isFile();
    } catch (FileNotFoundException e) {
      return false;
    }
  }

  /** Writes a new UTF-8 text file; fails if it exists. */
  public static void writeText(FileSystem fs, Path file, String text) throws IOException {
    try (OutputStream out = fs.create(file, false)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Reads a UTF-8 text file. */
  public static String readText(FileSystem fs, Path file) throws IOException {
    try (InputStream in = fs.open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * The Parquet data files directly in {@code dir} (names ending in {@code .parquet}, not starting
   * with {@code _} or {@code .}), sorted by name, with paths relative to {@code dir}.
   */
  public static List<DataFile> parquetFiles(FileSystem fs, Path dir) throws IOException {
    List<DataFile> files = new ArrayList<>();
    for (FileStatus s : fs.listStatus(dir)) {
      String name = s.getPath().getName();
      if (s.isFile() && isDataFileName(name)) {
        files.add(new DataFile(name, s.getLen()));
      }
    }
    files.sort(Comparator.comparing(DataFile::path));
    return files;
  }

  /** Whether a file name is a Parquet data file name. */
  public static boolean isDataFileName(String name) {
    return name.endsWith(".parquet") && !name.startsWith("_") && !name.startsWith(".");
  }
}
