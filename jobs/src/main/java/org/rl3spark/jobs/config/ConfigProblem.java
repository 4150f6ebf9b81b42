package org.rl3spark.jobs.config;

import java.util.Objects;

/**
 * One thing wrong with a config.
 *
 * @param path the HOCON key path the problem is about (e.g. {@code tasks.count}, {@code
 *     demo.sets[2].variant}), or {@code <file>} for problems of the file as a whole
 * @param message what is wrong and, where possible, how to fix it
 */
public record ConfigProblem(String path, String message) {

  /** Path used for problems that concern the whole file (syntax errors, includes). */
  public static final String FILE = "<file>";

  /** Validates the fields. */
  public ConfigProblem {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return path + ": " + message;
  }
}
