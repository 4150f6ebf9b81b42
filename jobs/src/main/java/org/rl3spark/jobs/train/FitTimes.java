package org.rl3spark.jobs.train;

import java.util.List;
import java.util.Locale;
import org.rl3spark.learner.dl4j.LocalSteps;

/**
 * Where the time of a parameter-averaged fit goes, summed over its calls: on the driver, copying
 * the network's state out and back in, broadcasting it, the Spark jobs and averaging; on the
 * workers (summed over tasks), getting a graph (building one when the pool had none), loading the
 * state, the Adam steps and copying the state out. "scheduling" is each job's wall time minus its
 * slowest task's work: Spark's job and task overhead, shipping the minibatches and the results, and
 * waiting for a core.
 */
final class FitTimes {

  static final int EXPORT = 0;
  static final int IMPORT = 1;
  private static final int BROADCAST = 2;
  private static final int JOB = 3;
  private static final int AVERAGE = 4;
  private static final int SCHEDULING = 5;
  private static final int BORROW = 6;
  private static final int LOAD = 7;
  private static final int FIT = 8;
  private static final int WORKER_EXPORT = 9;
  private static final String[] NAMES = {
    "export",
    "import",
    "broadcast",
    "jobs",
    "average",
    "scheduling",
    "worker graph",
    "worker load",
    "worker fit",
    "worker export"
  };

  private final long[] nanos = new long[NAMES.length];
  private long rounds;
  private long tasks;
  private long builds;
  private long steps;

  synchronized void add(int what, long n) {
    nanos[what] += n;
  }

  /**
   * One round: its broadcast, its job's wall time, the averaging, and each worker's results (one
   * per network).
   */
  synchronized void round(
      long broadcast, long job, long average, List<? extends List<LocalSteps.Result>> workers) {
    rounds++;
    nanos[BROADCAST] += broadcast;
    nanos[JOB] += job;
    nanos[AVERAGE] += average;
    long slowest = 0;
    for (List<LocalSteps.Result> worker : workers) {
      tasks++;
      long work = 0;
      for (LocalSteps.Result r : worker) {
        builds += r.built() ? 1 : 0;
        steps += r.steps();
        nanos[BORROW] += r.borrowNanos();
        nanos[LOAD] += r.loadNanos();
        nanos[FIT] += r.fitNanos();
        nanos[WORKER_EXPORT] += r.exportNanos();
        work += r.borrowNanos() + r.loadNanos() + r.fitNanos() + r.exportNanos();
      }
      slowest = Math.max(slowest, work);
    }
    nanos[SCHEDULING] += Math.max(0, job - slowest);
  }

  /** Forgets what was measured. */
  synchronized void reset() {
    java.util.Arrays.fill(nanos, 0);
    rounds = 0;
    tasks = 0;
    builds = 0;
    steps = 0;
  }

  /** One line: counts and seconds, each divided by {@code per} (e.g. the updates measured). */
  synchronized String summary(int per) {
    StringBuilder b =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%.1f rounds (jobs), %.1f tasks, %.1f graphs built, %.1f steps;",
                (double) rounds / per,
                (double) tasks / per,
                (double) builds / per,
                (double) steps / per));
    for (int i = 0; i < NAMES.length; i++) {
      b.append(String.format(Locale.ROOT, " %s %.3f s", NAMES[i], nanos[i] / 1e9 / per))
          .append(i == NAMES.length - 1 ? "" : ",");
    }
    return b.toString();
  }
}
