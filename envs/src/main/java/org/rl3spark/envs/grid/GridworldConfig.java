package org.rl3spark.envs.grid;

import org.rl3spark.envs.family.FamilyConfig;

/**
 * The {@code family.gridworld} block.
 *
 * @param variant a {@link GridVariant} name, e.g. {@code 13x13} or {@code 13x13_dense}
 * @param minReturn ({@code min-return}) smallest accepted J
 * @param maxReturn ({@code max-return}) largest accepted J
 * @param maxAttempts ({@code max-attempts}) grids drawn per task before generation fails, ≥ 1
 */
public record GridworldConfig(String variant, double minReturn, double maxReturn, int maxAttempts)
    implements FamilyConfig {

  /** Validates by constructing the family (the envs' messages name the problem). */
  public GridworldConfig {
    toFamily(variant, minReturn, maxReturn, maxAttempts);
  }

  @Override
  public String name() {
    return GridFamily.NAME;
  }

  @Override
  public GridFamily toFamily() {
    return toFamily(variant, minReturn, maxReturn, maxAttempts);
  }

  private static GridFamily toFamily(
      String variant, double minReturn, double maxReturn, int maxAttempts) {
    if (variant == null) {
      throw new IllegalArgumentException("variant must be set");
    }
    GridVariant v = GridVariant.parse(variant);
    return new GridFamily(
        v.id(),
        v.params(),
        v.isOutOfDistribution(),
        minReturn,
        maxReturn,
        maxAttempts,
        v.coarseRadius());
  }
}
