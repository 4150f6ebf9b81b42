package org.rl3spark.learner.dl4j;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * How many threads the transformer body of a fit uses in this JVM, and the threads themselves.
 *
 * <p>With k &gt; 1 threads, {@link DirectTransformerBody} splits each minibatch into k contiguous
 * groups of whole sequences, runs the forward and backward pass of each group on its own thread and
 * sums the groups' parameter gradients in group order. A given k is deterministic; different k
 * differ by float summation order only. One thread (the default) is the unsplit computation.
 *
 * <p>Process-wide on purpose: the body is a DL4J layer built from JSON, so the setting cannot
 * travel with the network. Set it only in a JVM whose fits run one at a time (the driver of a local
 * fit, a benchmark); executor tasks fitting in parallel keep the default of 1.
 */
public final class FitThreads {

  /** Upper bound (more threads than this many sequence groups would not pay on any machine). */
  public static final int MAX = 64;

  private static volatile int threads = 1;
  private static ExecutorService pool;
  private static int poolSize;

  private FitThreads() {}

  /** Sets the number of fit threads, in [1, {@link #MAX}]. */
  public static synchronized void set(int n) {
    if (n < 1 || n > MAX) {
      throw new IllegalArgumentException("fit threads must be in [1, " + MAX + "], got " + n);
    }
    threads = n;
  }

  /** The current number of fit threads. */
  public static int get() {
    return threads;
  }

  /**
   * Runs the tasks, the first on the calling thread and the others on the pool, and returns their
   * results in order. The first failure is rethrown (unchecked) after every task has ended.
   */
  static <T> List<T> runAll(List<Callable<T>> tasks) {
    if (tasks.size() == 1) {
      return List.of(call(tasks.get(0)));
    }
    ExecutorService p = pool(tasks.size() - 1);
    List<Future<T>> futures = new ArrayList<>(tasks.size() - 1);
    for (int i = 1; i < tasks.size(); i++) {
      futures.add(p.submit(tasks.get(i)));
    }
    List<T> out = new ArrayList<>(tasks.size());
    RuntimeException failure = null;
    try {
      out.add(call(tasks.get(0)));
    } catch (RuntimeException e) {
      failure = e;
    }
    for (Future<T> f : futures) {
      try {
        out.add(f.get());
      } catch (ExecutionException e) {
        if (failure == null) {
          failure =
              e.getCause() instanceof RuntimeException r
                  ? r
                  : new IllegalStateException("fit thread failed", e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        if (failure == null) {
          failure = new IllegalStateException("interrupted while waiting for a fit thread", e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return out;
  }

  private static <T> T call(Callable<T> c) {
    try {
      return c.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static synchronized ExecutorService pool(int size) {
    if (pool == null || poolSize < size) {
      if (pool != null) {
        pool.shutdown();
      }
      pool =
          Executors.newFixedThreadPool(
              size,
              r -> {
                Thread t = new Thread(r, "rl3-fit");
                t.setDaemon(true);
                return t;
              });
      poolSize = size;
    }
    return pool;
  }
}
