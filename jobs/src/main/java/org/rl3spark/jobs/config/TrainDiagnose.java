package org.rl3spark.jobs.config;

import java.io.Serializable;

/**
 * The {@code train.diagnose} block: how the {@code diagnose} job measures a run's next updates.
 *
 * @param batches fresh batches measured, those of the iterations after the checkpoint's
 * @param groups groups of each batch's envs whose gradients give the gradient noise (2 ≤ groups ≤
 *     train.envs)
 * @param name output directory name below {@code <output.dir>/diagnose/}; "" = {@code train.name}
 */
public record TrainDiagnose(int batches, int groups, String name) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Validates. */
  public TrainDiagnose {
    new InvalidFields.Checker()
        .require(batches >= 1 && batches <= 100, "batches", "must be in [1, 100], got " + batches)
        .require(groups >= 2, "groups", "must be >= 2, got " + groups)
        .require(
            name != null && (name.isEmpty() || RolloutConfig.isPlainName(name)),
            "name",
            name == null ? "must be a name" : RolloutConfig.notPlain(name))
        .throwIfAny();
  }
}
