package org.rl3spark.jobs;

import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkContext$;
import org.apache.spark.sql.SparkSession;

/**
 * Spark sessions for tests: driver on the loopback address, UI off, few shuffle partitions. One
 * session per test class (or one at a time where a test needs several masters).
 */
public final class SparkTestSessions {

  private SparkTestSessions() {}

  /** A new session with the given master (e.g. {@code local[2]}, {@code local[2,4]}). */
  public static SparkSession start(String master) {
    if (SparkContext$.MODULE$.getActive().isDefined()) {
      throw new IllegalStateException("a SparkContext is still active; stop it first");
    }
    return SparkSession.builder()
        .master(master)
        .appName("rl3-test")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate();
  }

  /** Stops a session and clears the active and default sessions. */
  public static void stop(SparkSession spark) {
    if (spark != null) {
      spark.stop();
    }
    SparkSession.clearActiveSession();
    SparkSession.clearDefaultSession();
  }

  /** Waits until every event posted so far reached the listeners. */
  public static void drainListeners(SparkSession spark) {
    try {
      spark.sparkContext().listenerBus().waitUntilEmpty(10_000);
    } catch (TimeoutException e) {
      throw new IllegalStateException("listener bus did not drain", e);
    }
  }

  /** A provider that hands out a shared session and leaves it open. */
  public static SessionProvider shared(SparkSession spark) {
    return new SessionProvider() {
      @Override
      public SparkSession open(String job, org.rl3spark.jobs.config.SparkConfig config) {
        return spark;
      }

      @Override
      public void release(SparkSession session) {
        // shared by the test class; stopped in @AfterAll
      }
    };
  }

  /** Whether any SparkContext is active in this JVM. */
  public static boolean anyContextActive() {
    return SparkContext$.MODULE$.getActive().isDefined();
  }
}
