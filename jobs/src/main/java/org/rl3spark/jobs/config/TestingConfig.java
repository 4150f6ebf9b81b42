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
 * @param trainFaultAtIteration ({@code train-fault-at-iteration}) a non-finite value enters this
 *     iteration's batch; −1 = off
 * @param trainFault ({@code train-fault}) which: {@code nan-reward}, {@code inf-reward} or {@code
 *     nan-observation}
 * @param trainLearningRate ({@code train-learning-rate}) replaces {@code train.learning-rate}
 *     without its bound, so that the update blows up; 0 = off
 */
public record TestingConfig(
    long failOnceAtIndex,
    long failAlwaysAtIndex,
    boolean failBeforePublish,
    int trainCrashAfterIteration,
    int trainFaultAtIteration,
    String trainFault,
    double trainLearningRate)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The values of {@code train-fault}. */
  public static final java.util.List<String> TRAIN_FAULTS =
      java.util.List.of("nan-reward", "inf-reward", "nan-observation");

  /** Every hook off. */
  public static final TestingConfig NONE =
      new TestingConfig(-1, -1, false, -1, -1, "nan-reward", 0);

  /** Hooks of the data jobs only (the train hooks off). */
  public TestingConfig(long failOnceAtIndex, long failAlwaysAtIndex, boolean failBeforePublish) {
    this(failOnceAtIndex, failAlwaysAtIndex, failBeforePublish, -1, -1, "nan-reward", 0);
  }

  /** Validates the indices. */
  public TestingConfig {
    InvalidFields.Checker check = new InvalidFields.Checker();
    check.require(failOnceAtIndex >= -1, "fail-once-at-index", "must be >= -1");
    check.require(failAlwaysAtIndex >= -1, "fail-always-at-index", "must be >= -1");
    check.require(trainCrashAfterIteration >= -1, "train-crash-after-iteration", "must be >= -1");
    check.require(trainFaultAtIteration >= -1, "train-fault-at-iteration", "must be >= -1");
    check.require(
        TRAIN_FAULTS.contains(trainFault),
        "train-fault",
        "must be one of " + TRAIN_FAULTS + ", got '" + trainFault + "'");
    check.require(
        trainLearningRate >= 0 && Double.isFinite(trainLearningRate),
        "train-learning-rate",
        "must be finite and >= 0, got " + trainLearningRate);
    check.throwIfAny();
  }
}
