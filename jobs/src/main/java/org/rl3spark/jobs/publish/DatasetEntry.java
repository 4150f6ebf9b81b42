package org.rl3spark.jobs.publish;

import java.util.List;
import java.util.Objects;

/**
 * A dataset recorded in a manifest.
 *
 * @param path directory of the dataset relative to the manifest's directory ({@code .} for the
 *     manifest's own directory)
 * @param rows number of rows
 * @param files its data files, with paths relative to the manifest's directory
 */
public record DatasetEntry(String path, long rows, List<DataFile> files) {

  /** The path of the dataset in the manifest's own directory. */
  public static final String HERE = ".";

  /** Validates the fields. */
  public DatasetEntry {
    Objects.requireNonNull(path, "path");
    files = List.copyOf(files);
    if (rows < 0) {
      throw new IllegalArgumentException("rows must be >= 0, got " + rows);
    }
  }

  /** This entry as seen from a manifest {@code prefix} directories up (paths prefixed). */
  public DatasetEntry under(String prefix) {
    return new DatasetEntry(
        HERE.equals(path) ? prefix : prefix + "/" + path,
        rows,
        files.stream().map(f -> new DataFile(prefix + "/" + f.path(), f.bytes())).toList());
  }
}
