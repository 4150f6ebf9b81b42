package org.rl3spark.jobs.testing;

import org.apache.spark.TaskContext;
import org.rl3spark.jobs.config.TestingConfig;

/**
 * Executes the test-only fault hooks of {@link TestingConfig} on executors. The hooks decide
 * whether to fail from the task index and the Spark attempt number only; they never influence the
 * rows produced.
 */
public final class FaultInjection {

  /** Start of the message of every injected failure (tests look for it). */
  public static final String MARKER = "rl3 testing hook: injected failure";

  private FaultInjection() {}

  /** Throws if a hook targets task {@code index} in the current attempt. */
  public static void beforeTask(TestingConfig hooks, long index) {
    if (hooks.failAlwaysAtIndex() == index) {
      throw new IllegalStateException(
          MARKER + " at task index " + index + " (testing.fail-always-at-index, every attempt)");
    }
    if (hooks.failOnceAtIndex() == index && attemptNumber() == 0) {
      throw new IllegalStateException(
          MARKER + " at task index " + index + " (testing.fail-once-at-index, attempt 0)");
    }
  }

  /** Throws if the {@code fail-before-publish} hook is set (driver side). */
  public static void beforePublish(TestingConfig hooks) {
    if (hooks.failBeforePublish()) {
      throw new IllegalStateException(MARKER + " before publishing (testing.fail-before-publish)");
    }
  }

  private static int attemptNumber() {
    TaskContext tc = TaskContext.get();
    return tc == null ? 0 : tc.attemptNumber();
  }
}
