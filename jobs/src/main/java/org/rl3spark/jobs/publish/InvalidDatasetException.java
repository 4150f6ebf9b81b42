package org.rl3spark.jobs.publish;

/** Thrown when an input dataset fails validation; the message names the path and the problem. */
public final class InvalidDatasetException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * @param path the dataset directory
   * @param problem what is wrong and, where possible, what to do
   */
  public InvalidDatasetException(String path, String problem) {
    super("invalid input dataset " + path + ": " + problem);
  }

  /** With a cause. */
  public InvalidDatasetException(String path, String problem, Throwable cause) {
    super("invalid input dataset " + path + ": " + problem, cause);
  }
}
