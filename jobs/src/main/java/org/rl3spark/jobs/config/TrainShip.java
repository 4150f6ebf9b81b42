package org.rl3spark.jobs.config;

import java.io.Serializable;

/**
 * The {@code train.ship} block: where the {@code ship} job puts a training run and how it checks
 * it.
 *
 * @param dir the run goes to {@code <dir>/<train.name>/}
 * @param replayTasks test tasks whose per-task returns the shipped agent carries (its regression
 *     check)
 */
public record TrainShip(String dir, int replayTasks) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Validates. */
  public TrainShip {
    new InvalidFields.Checker()
        .require(dir != null && !dir.isBlank(), "dir", "must be a directory")
        .require(replayTasks >= 1, "replay-tasks", "must be >= 1, got " + replayTasks)
        .throwIfAny();
  }
}
