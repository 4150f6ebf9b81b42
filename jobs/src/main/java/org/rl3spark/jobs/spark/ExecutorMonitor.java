package org.rl3spark.jobs.spark;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerApplicationEnd;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;

/**
 * Watches a cluster application's executors from the driver.
 *
 * <ul>
 *   <li>Every executor lost while the application runs is reported on the driver's log (Spark
 *       re-runs its tasks elsewhere; results do not depend on it): {@code rl3: lost executor 1 on
 *       127.0.0.1 (Command exited with code 137): Spark re-runs its tasks on the remaining
 *       executors}.
 *   <li>When a Spark job has been running for {@code timeout} with no executor at all (every worker
 *       lost, or none ever registered), the job is cancelled with a reason naming the cause and the
 *       last executor lost, instead of waiting forever as Spark does; the rl3 job then fails
 *       without publishing.
 * </ul>
 */
public final class ExecutorMonitor extends SparkListener {

  /** Start of the line reporting a lost executor. */
  public static final String LOST = "rl3: lost executor";

  /** Start of the reason a job is cancelled with when no executor is left. */
  public static final String NO_EXECUTOR = "because the application had no executor for";

  private final SparkContext sc;
  private final long timeoutMillis;
  private final PrintStream log;
  private final Map<String, String> live = new ConcurrentHashMap<>();
  private final AtomicReference<String> lastLost = new AtomicReference<>();
  private final AtomicBoolean ended = new AtomicBoolean();

  private ExecutorMonitor(SparkContext sc, long timeoutMillis, PrintStream log) {
    this.sc = sc;
    this.timeoutMillis = timeoutMillis;
    this.log = log;
  }

  /**
   * Registers a monitor on {@code sc} and, if {@code timeoutSeconds} > 0, starts its watchdog (a
   * daemon thread that ends with the context).
   */
  public static ExecutorMonitor install(SparkContext sc, int timeoutSeconds, PrintStream log) {
    ExecutorMonitor m = new ExecutorMonitor(sc, TimeUnit.SECONDS.toMillis(timeoutSeconds), log);
    sc.addSparkListener(m);
    if (timeoutSeconds > 0) {
      Thread t = new Thread(m::watch, "rl3-executor-watchdog");
      t.setDaemon(true);
      t.start();
    }
    return m;
  }

  @Override
  public void onExecutorAdded(SparkListenerExecutorAdded e) {
    live.put(e.executorId(), e.executorInfo().executorHost());
  }

  @Override
  public void onExecutorRemoved(SparkListenerExecutorRemoved e) {
    String host = live.remove(e.executorId());
    if (ended.get()) {
      return;
    }
    String what =
        "executor "
            + e.executorId()
            + (host == null ? "" : " on " + host)
            + " ("
            + firstLine(e.reason())
            + ")";
    lastLost.set(what);
    log.println(
        "rl3: lost "
            + what
            + ": Spark re-runs its tasks on the remaining executors"
            + (live.isEmpty() ? " (none left now)" : " (" + live.size() + " left)"));
  }

  @Override
  public void onApplicationEnd(SparkListenerApplicationEnd e) {
    ended.set(true);
  }

  /** The watchdog: cancels the running jobs once there has been no executor for the timeout. */
  private void watch() {
    long since = -1;
    while (!sc.isStopped() && !ended.get()) {
      try {
        Thread.sleep(500);
      } catch (InterruptedException ie) {
        return;
      }
      int[] jobs;
      try {
        jobs = sc.statusTracker().getActiveJobIds();
      } catch (RuntimeException stopping) {
        return;
      }
      if (jobs.length == 0 || !live.isEmpty()) {
        since = -1;
        continue;
      }
      long now = System.currentTimeMillis();
      if (since < 0) {
        since = now;
      } else if (now - since >= timeoutMillis) {
        String last = lastLost.get();
        String reason =
            NO_EXECUTOR
                + " "
                + TimeUnit.MILLISECONDS.toSeconds(timeoutMillis)
                + " s (rl3's spark.no-executor-timeout): "
                + (last == null
                    ? "no executor ever registered with this application (no worker with enough"
                        + " free cores and memory?)"
                    : "the cluster lost every executor and started no other (workers lost?); the"
                        + " last one lost was "
                        + last);
        log.println(
            "rl3: cancelling Spark job(s) " + java.util.Arrays.toString(jobs) + " " + reason);
        for (int job : jobs) {
          sc.cancelJob(job, reason);
        }
        since = -1;
      }
    }
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("").trim();
  }
}
