package org.rl3spark.jobs.config;

import java.io.Serializable;

/**
 * The {@code train.fork} block: a new run that starts from another run's checkpoint and continues
 * with its own settings (a branch of that run). Iterations 1 .. {@code iteration} are the parent's
 * (networks, Adam state and metrics rows); the fork trains {@code iteration} + 1 onwards, so its
 * random streams continue the parent's rather than repeat them.
 *
 * @param from the parent: a training run directory or a shipped copy ({@code results/agents/<run>})
 *     holding the checkpoint of {@code iteration}; "" = not a fork. A location, not a setting: it
 *     is not part of the run's identity.
 * @param iteration the parent's checkpoint the fork starts from (0 when not a fork); part of the
 *     fork's identity
 */
public record TrainFork(@Bookkeeping String from, int iteration) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Not a fork. */
  public static final TrainFork NONE = new TrainFork("", 0);

  /** Validates: both set for a fork, neither for a new run. */
  public TrainFork {
    new InvalidFields.Checker()
        .require(from != null, "from", "must be a directory or \"\"")
        .require(iteration >= 0, "iteration", "must be >= 0, got " + iteration)
        .require(
            from == null || from.isEmpty() == (iteration == 0),
            "",
            "fork.from and fork.iteration go together (from \""
                + from
                + "\", iteration "
                + iteration
                + "): both set for a fork, neither for a new run")
        .throwIfAny();
  }

  /** Whether the run is a fork. */
  public boolean isSet() {
    return !from.isEmpty();
  }
}
