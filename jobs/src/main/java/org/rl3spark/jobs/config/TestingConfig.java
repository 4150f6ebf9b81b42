package org.rl3spark.jobs.config;

import java.io.Serializable;

/**
 * The test-only {@code testing} block: fault hooks for reliability tests. Only accepted when the
 * JVM runs with {@code -Drl3.testing=true}; otherwise every hook is off.
 *
 * @param failOnceAtIndex ({@code fail-once-at-index}) throw in attempt 0 of the Spark task that
 *     generates this task index; −1 = off
 * @param failAlwaysAtIndex ({@code fail-always-at-index}) throw in every attempt at this index; −1
 *     = off
 * @param failBeforePublish ({@code fail-before-publish}) throw after writing, before publishing
 * @param trainCrashAfterIteration ({@code train-crash-after-iteration}) the train job dies after
 *     completing this iteration (before its checkpoint); −1 = off
 * @param trainNanAtIteration ({@code train-nan-at-iteration}) a NaN reward enters this
 *     iteration's batch; −1 = off
 */
public record TestingConfig(
    long failOnceAtIndex,
    long failAlwaysAtIndex,
    boolean failBeforePublish,
    int trainCrashAfterIteration,
    int trainNanAtIteration)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Every hook off. */
  public static final TestingConfig NONE = new TestingConfig(-1, -1, false, -1, -1);

  /** Hooks of the data jobs only (the train hooks off). */
  public TestingConfig(long failOnceAtIndex, long failAlwaysAtIndex, boolean failBeforePublish) {
    this(failOnceAtIndex, failAlwaysAtIndex, failBeforePublish, -1, -1);
  }

  /** Validates the indices. */
  public TestingConfig {
    InvalidFields.Checker check = new InvalidFields.Checker();
    check.require(failOnceAtIndex >= -1, "fail-once-at-index", "must be >= -1");
    check.require(failAlwaysAtIndex >= -1, "fail-always-at-index", "must be >= -1");
    check.require(trainCrashAfterIteration >= -1, "train-crash-after-iteration", "must be >= -1");
    check.require(trainNanAtIteration >= -1, "train-nan-at-iteration", "must be >= -1");
    check.throwIfAny();
  }
}
