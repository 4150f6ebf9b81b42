package org.rl3spark.jobs.publish;

import java.util.Objects;

/**
 * One data file of a dataset.
 *
 * @param path path relative to the directory holding the manifest
 * @param bytes file length in bytes
 */
public record DataFile(String path, long bytes) {

  /** Validates the fields. */
  public DataFile {
    Objects.requireNonNull(path, "path");
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must be >= 0, got " + bytes);
    }
  }
}
