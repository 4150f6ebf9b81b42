package org.rl3spark.jobs.train;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The Parquet write of an iteration's trajectories, from the rollout's cached rows: started right
 * after the rows reached the driver and, when {@code overlap} is on, run on a background thread
 * while the driver fits (a Spark job of its own over the cached partitions; on the 2-core machine
 * it takes the cores the fit's serial parts leave idle). {@link #await} waits for it; the train job
 * calls it before it writes the iteration's checkpoint or metrics, so no checkpoint exists whose
 * trajectories are not complete on disk, and a failed write fails the iteration.
 */
final class TrajectoryWrite implements AutoCloseable {

  private final ExecutorService thread;
  private CompletableFuture<Void> pending;
  private JavaRDD<Row> rows;

  /** With {@code overlap} off every write runs on the caller's thread, inside {@link #start}. */
  TrajectoryWrite(boolean overlap) {
    thread =
        overlap
            ? Executors.newSingleThreadExecutor(
                r -> {
                  Thread t = new Thread(r, "rl3-trajectory-write");
                  t.setDaemon(true);
                  return t;
                })
            : null;
  }

  /** Starts writing the (cached) rows as Parquet to {@code dir}, which must not exist. */
  void start(SparkSession spark, JavaRDD<Row> cached, Path dir) {
    if (pending != null) {
      throw new IllegalStateException("the previous iteration's trajectory write was not awaited");
    }
    rows = cached;
    Runnable write =
        () ->
            spark
                .createDataFrame(cached, TrajectorySchema.SCHEMA)
                .write()
                .mode(SaveMode.ErrorIfExists)
                .parquet(dir.toString());
    if (thread == null) {
      write.run();
      pending = CompletableFuture.completedFuture(null);
    } else {
      pending = CompletableFuture.runAsync(write, thread);
    }
  }

  /**
   * Waits for the write started last and releases its cached rows; the seconds waited.
   *
   * @throws RuntimeException the write's failure
   */
  double await() {
    if (pending == null) {
      return 0;
    }
    long t0 = System.nanoTime();
    try {
      pending.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException("writing the trajectories failed", e.getCause());
    } finally {
      release();
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  private void release() {
    pending = null;
    rows.unpersist(false);
    rows = null;
  }

  /**
   * Lets a write still running (the iteration failed after starting it) end before the job returns,
   * so that no write outlives it; its own failure is not reported over the one that ended the
   * iteration.
   */
  @Override
  public void close() {
    try {
      if (pending != null) {
        pending.exceptionally(e -> null).join();
        release();
      }
    } finally {
      if (thread != null) {
        thread.shutdown();
      }
    }
  }
}
