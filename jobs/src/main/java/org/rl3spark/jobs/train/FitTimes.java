package org.rl3spark.jobs.train;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.rl3spark.learner.dl4j.LocalSteps;

/**
 * Where the time of a parameter-averaged fit goes, summed over its updates (one line per iteration
 * in the train job's output).
 *
 * <ul>
 *   <li>Driver: the values pass before the update (the train job's), the updates' wall time and the
 *       driver process's CPU time during them, shipping each update's data, copying the networks'
 *       state out and back in, broadcasting the rounds' states, averaging (with the denormal
 *       flush), and how long the actor's chain waited for the critic's.
 *   <li>Executors (from Spark's task metrics, {@link FitTaskListener}): tasks' time on the
 *       executors (launch to result sent), their deserialisation, run and result serialisation, GC
 *       and CPU time, the driver's fetching of large results, and how long the executors sat idle
 *       during the updates (workers × update wall time − task time).
 *   <li>Workers (summed over tasks, measured in the task): fetching the broadcast data and states,
 *       getting a graph (building one when the pool had none), loading the state, packing the
 *       minibatches, the actor's statistics (the KL check's forward pass on the worker's share),
 *       the Adam steps, copying the state out; and the task body's wall and CPU time.
 * </ul>
 */
final class FitTimes {

  static final int VALUES = 0;
  static final int UPDATE = 1;
  static final int DRIVER_CPU = 2;
  static final int SHIP = 3;
  static final int EXPORT = 4;
  static final int IMPORT = 5;
  private static final int BROADCAST = 6;
  static final int AVERAGE = 7;
  static final int WAIT = 8;
  private static final int TASK_TIME = 9;
  private static final int DESERIALIZE = 10;
  private static final int RUN = 11;
  private static final int RESULT_SERIALIZE = 12;
  private static final int GETTING_RESULT = 13;
  private static final int GC = 14;
  private static final int EXECUTOR_CPU = 15;
  private static final int IDLE = 16;
  private static final int FETCH = 17;
  private static final int BORROW = 18;
  private static final int LOAD = 19;
  private static final int PACK = 20;
  private static final int STATS = 21;
  private static final int FIT = 22;
  private static final int WORKER_EXPORT = 23;
  private static final int BODY = 24;
  private static final int BODY_CPU = 25;
  private static final String[] NAMES = {
    "values pass",
    "updates",
    "driver CPU",
    "ship data",
    "export",
    "import",
    "broadcast",
    "average",
    "waiting for the critic",
    "task time",
    "deserialise",
    "run",
    "result serialise",
    "getting results",
    "GC",
    "CPU",
    "idle",
    "fetching broadcasts",
    "graph",
    "load",
    "pack",
    "KL",
    "fit",
    "export",
    "task body",
    "task body CPU"
  };
  private static final int FIRST_EXECUTOR = TASK_TIME;
  private static final int FIRST_WORKER = FETCH;

  private final int workers;
  private final long[] nanos = new long[NAMES.length];
  private long rounds;
  private long tasks;
  private long builds;
  private long steps;
  private long checks;
  private long executorTasks;

  /**
   * @param workers the executor tasks per round (for the executors' idle time)
   */
  FitTimes(int workers) {
    this.workers = workers;
  }

  /**
   * This process's CPU time so far, all threads (the executors' too when they share the driver's
   * JVM), or −1 where the JVM does not say.
   */
  static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : -1;
  }

  synchronized void add(int what, long n) {
    nanos[what] += n;
  }

  /** One round (one Spark job): its broadcast and what each worker did. */
  synchronized void round(long broadcast, List<ParameterAveragingFitter.Outcome> out) {
    rounds++;
    nanos[BROADCAST] += broadcast;
    boolean checked = false;
    for (ParameterAveragingFitter.Outcome o : out) {
      tasks++;
      builds += o.leaseBuilt() ? 1 : 0;
      nanos[PACK] += o.packNanos();
      nanos[STATS] += o.statsNanos();
      nanos[BORROW] += o.leaseNanos();
      nanos[FETCH] += o.fetchNanos();
      nanos[BODY] += o.bodyNanos();
      nanos[BODY_CPU] += o.bodyCpuNanos();
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
      }
    }
    checks += checked ? 1 : 0;
  }

  /** One finished task of the fit, from Spark's metrics (milliseconds, CPU in nanoseconds). */
  synchronized void task(
      long onExecutorMs,
      long deserializeMs,
      long runMs,
      long resultSerializeMs,
      long gettingResultMs,
      long gcMs,
      long cpuNanos) {
    executorTasks++;
    nanos[TASK_TIME] += onExecutorMs * 1_000_000L;
    nanos[DESERIALIZE] += deserializeMs * 1_000_000L;
    nanos[RUN] += runMs * 1_000_000L;
    nanos[RESULT_SERIALIZE] += resultSerializeMs * 1_000_000L;
    nanos[GETTING_RESULT] += gettingResultMs * 1_000_000L;
    nanos[GC] += gcMs * 1_000_000L;
    nanos[EXECUTOR_CPU] += cpuNanos;
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
    executorTasks = 0;
  }

  /** One line: counts and seconds, each divided by {@code per} (e.g. the updates measured). */
  synchronized String summary(int per) {
    nanos[IDLE] = Math.max(0, workers * nanos[UPDATE] - nanos[TASK_TIME]);
    StringBuilder b =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%.1f rounds (jobs), %.1f tasks (%.1f seen by the listener), %.1f graphs built,"
                    + " %.1f steps, %.1f KL checks; driver:",
                (double) rounds / per,
                (double) tasks / per,
                (double) executorTasks / per,
                (double) builds / per,
                (double) steps / per,
                (double) checks / per));
    for (int i = 0; i < NAMES.length; i++) {
      if (i == FIRST_EXECUTOR) {
        b.append("; executors:");
      } else if (i == FIRST_WORKER) {
        b.append("; workers:");
      } else if (i > 0) {
        b.append(",");
      }
      b.append(String.format(Locale.ROOT, " %s %.3f s", NAMES[i], nanos[i] / 1e9 / per));
    }
    return b.toString();
  }
}
