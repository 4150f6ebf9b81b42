package org.rl3spark.jobs.eval;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple4;
import scala.collection.JavaConverters;

/**
 * A progress line on long runs: {@code <label>: 1200/6000 tasks (20.0%), 35.2 tasks/s, ETA 2m16s},
 * printed by a driver thread every {@code interval} seconds (the first after one interval, so short
 * runs stay quiet).
 *
 * <p>Executors count finished tasks in a {@link LongAccumulator}. Spark merges an accumulator into
 * the driver only when a Spark task ends, so the running tasks' partial counts are taken from the
 * executors' heartbeats ({@code spark.executor.heartbeatInterval}, 10 s by default). The count is
 * for display only; nothing reads it back into the computation.
 */
final class Progress implements AutoCloseable {

  private final SparkSession spark;
  private final String label;
  private final long total;
  private final PrintStream out;
  private final LongAccumulator done;
  private final Map<Long, Long> running = new ConcurrentHashMap<>();
  private final SparkListener listener;
  private final Thread thread;
  private final long startNanos;

  /**
   * Registers the accumulator and starts the reporter (if {@code intervalSeconds} &gt; 0).
   *
   * @param spark the session
   * @param label the line's prefix (the job name)
   * @param total tasks to do
   * @param intervalSeconds seconds between lines; 0 = no lines
   * @param out where lines go
   */
  Progress(SparkSession spark, String label, long total, int intervalSeconds, PrintStream out) {
    this.spark = spark;
    this.label = label;
    this.total = total;
    this.out = out;
    this.done = spark.sparkContext().longAccumulator("rl3 " + label + " tasks done");
    this.startNanos = System.nanoTime();
    long id = done.id();
    this.listener =
        new SparkListener() {
          @Override
          public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
            for (Tuple4<Object, Object, Object, scala.collection.Seq<AccumulableInfo>> t :
                JavaConverters.seqAsJavaList(update.accumUpdates())) {
              for (AccumulableInfo info : JavaConverters.seqAsJavaList(t._4())) {
                if (info.id() == id && info.update().isDefined()) {
                  Object v = info.update().get();
                  if (v instanceof Number n) {
                    running.put((Long) t._1(), n.longValue());
                  }
                }
              }
            }
          }

          @Override
          public void onTaskEnd(SparkListenerTaskEnd end) {
            running.remove(end.taskInfo().taskId());
          }
        };
    if (intervalSeconds > 0) {
      spark.sparkContext().addSparkListener(listener);
      thread = new Thread(() -> report(intervalSeconds), "rl3-progress");
      thread.setDaemon(true);
      thread.start();
    } else {
      thread = null;
    }
  }

  /** The accumulator executors add finished tasks to. */
  LongAccumulator accumulator() {
    return done;
  }

  /** Tasks finished so far (merged and running partitions), at most the total. */
  long done() {
    long n = done.value();
    for (long v : running.values()) {
      n += v;
    }
    return Math.min(total, n);
  }

  /** Seconds since the start. */
  double elapsedSeconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private void report(int intervalSeconds) {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        TimeUnit.SECONDS.sleep(intervalSeconds);
        out.println(line(done(), total, elapsedSeconds()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The progress line. */
  String line(long n, long of, double seconds) {
    double rate = seconds > 0 ? n / seconds : 0;
    String eta = rate > 0 ? duration((of - n) / rate) : "?";
    return String.format(
        Locale.ROOT,
        "%s: %d/%d tasks (%.1f%%), %.1f tasks/s, elapsed %s, ETA %s",
        label,
        n,
        of,
        of == 0 ? 100.0 : 100.0 * n / of,
        rate,
        duration(seconds),
        eta);
  }

  /** A duration such as {@code 45s}, {@code 2m16s}, {@code 1h04m}. */
  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
  }

  /** Stops the reporter and removes the listener. */
  @Override
  public void close() {
    if (thread != null) {
      thread.interrupt();
      spark.sparkContext().removeSparkListener(listener);
    }
  }
}
