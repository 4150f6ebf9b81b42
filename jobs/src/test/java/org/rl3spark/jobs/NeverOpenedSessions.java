package org.rl3spark.jobs;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.SparkSession;
import org.rl3spark.jobs.config.SparkConfig;

/**
 * A {@link SessionProvider} for tests of what must fail before Spark starts: every request is
 * counted and fails with {@code why}.
 */
public final class NeverOpenedSessions implements SessionProvider {

  private final String why;
  private final AtomicInteger requests = new AtomicInteger();

  /** A provider whose every {@code open} fails with {@code why}. */
  public NeverOpenedSessions(String why) {
    this.why = why;
  }

  @Override
  public SparkSession open(String job, SparkConfig config) {
    requests.incrementAndGet();
    throw new AssertionError(why);
  }

  @Override
  public void release(SparkSession session) {}

  /** How many sessions were requested. */
  public int requests() {
    return requests.get();
  }
}
