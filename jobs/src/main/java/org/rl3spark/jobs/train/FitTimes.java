package org.rl3spark.jobs.train;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.rl3spark.learner.dl4j.LocalSteps;

/**
 * Where the time of a parameter-averaged fit goes, summed over its updates: on the driver, shipping
 * each update's data, copying the networks' state out and back in, broadcasting it, the Spark jobs
 * and averaging; on the workers (summed over tasks), getting a graph (building one when the pool
 * had none), loading the state, packing the minibatches, the actor's statistics (the KL check's
 * forward pass on the worker's share of the batch), the Adam steps and copying the state out.
 * "scheduling" is each job's wall time minus its slowest task's work: Spark's job and task
 * overhead, fetching the broadcasts, returning the results, and waiting for a core.
 */
final class FitTimes {

  static final int EXPORT = 0;
  static final int IMPORT = 1;
  static final int SHIP = 2;
  private static final int BROADCAST = 3;
  private static final int JOB = 4;
  static final int AVERAGE = 5;
  private static final int SCHEDULING = 6;
  private static final int BORROW = 7;
  private static final int LOAD = 8;
  private static final int PACK = 9;
  private static final int STATS = 10;
  private static final int FIT = 11;
  private static final int WORKER_EXPORT = 12;
  static final int CRITIC_CHAIN = 13;
  static final int WAIT = 14;
  private static final String[] NAMES = {
    "export",
    "import",
    "ship data",
    "broadcast",
    "jobs",
    "average",
    "scheduling",
    "worker graph",
    "worker load",
    "worker pack",
    "worker KL",
    "worker fit",
    "worker export",
    "critic chain",
    "waiting for the critic"
  };

  private final long[] nanos = new long[NAMES.length];
  private long rounds;
  private long tasks;
  private long builds;
  private long steps;
  private long checks;

  synchronized void add(int what, long n) {
    nanos[what] += n;
  }

  /**
   * One round (one Spark job): its broadcast, its wall time, the averaging, and what each worker
   * did.
   */
  synchronized void round(
      long broadcast, long job, long average, List<ParameterAveragingFitter.Outcome> workers) {
    rounds++;
    nanos[BROADCAST] += broadcast;
    nanos[JOB] += job;
    nanos[AVERAGE] += average;
    long slowest = 0;
    boolean checked = false;
    for (ParameterAveragingFitter.Outcome o : workers) {
      tasks++;
      long work = o.packNanos() + o.statsNanos() + o.leaseNanos();
      builds += o.leaseBuilt() ? 1 : 0;
      nanos[PACK] += o.packNanos();
      nanos[STATS] += o.statsNanos();
      nanos[BORROW] += o.leaseNanos();
      checked |= o.stats() != null;
      for (LocalSteps.Result r : new LocalSteps.Result[] {o.critic(), o.actor()}) {
        if (r == null) {
          continue;
        }
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
    checks += checked ? 1 : 0;
    nanos[SCHEDULING] += Math.max(0, job - slowest);
  }

  /** Rounds (Spark jobs) so far. */
  synchronized long rounds() {
    return rounds;
  }

  /** Forgets what was measured. */
  synchronized void reset() {
    Arrays.fill(nanos, 0);
    rounds = 0;
    tasks = 0;
    builds = 0;
    steps = 0;
    checks = 0;
  }

  /** One line: counts and seconds, each divided by {@code per} (e.g. the updates measured). */
  synchronized String summary(int per) {
    StringBuilder b =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%.1f rounds (jobs), %.1f tasks, %.1f graphs built, %.1f steps, %.1f KL checks;",
                (double) rounds / per,
                (double) tasks / per,
                (double) builds / per,
                (double) steps / per,
                (double) checks / per));
    for (int i = 0; i < NAMES.length; i++) {
      b.append(String.format(Locale.ROOT, " %s %.3f s", NAMES[i], nanos[i] / 1e9 / per))
          .append(i == NAMES.length - 1 ? "" : ",");
    }
    return b.toString();
  }
}
