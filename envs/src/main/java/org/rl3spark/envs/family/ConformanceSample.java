package org.rl3spark.envs.family;

import java.util.Objects;
import org.rl3spark.core.task.Split;
import org.rl3spark.core.task.TaskFamily;

/**
 * A task distribution of a family that the env conformance suite ({@code envs} tests) plays under
 * every wrapper: the family's variants as they exist, and its out-of-distribution split.
 *
 * @param name display name, e.g. {@code bandits-k5-ood}
 * @param family the configured family
 * @param split the split its tasks are drawn from
 */
public record ConformanceSample(String name, TaskFamily family, Split split) {

  /** Requires every field and a split the family supports. */
  public ConformanceSample {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(split, "split");
    if (!family.supports(split)) {
      throw new IllegalArgumentException(name + ": the family has no split " + split.id());
    }
  }
}
