package org.rl3spark.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Env or policy steps done in a JMH iteration: JMH reports the counter per second beside the
 * primary score (a line {@code <benchmark>:steps}), which for a benchmark that plays one whole
 * meta-episode per invocation is meta-episodes per second.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class StepCounter {

  /** Steps so far in this iteration. */
  public long steps;

  /** Resets the counter. */
  @Setup(Level.Iteration)
  public void clear() {
    steps = 0;
  }
}
