package org.rl3spark.jobs;

/** A command line that cannot be run; the message is one line naming the problem. */
public final class UsageException extends Exception {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what is wrong with the command line
   */
  public UsageException(String message) {
    super(message);
  }
}
