package org.rl3spark.envs.bandit;

import org.rl3spark.envs.family.FamilyConfig;

/**
 * The {@code family.bandits} block.
 *
 * @param arms number of arms k ≥ 1
 */
public record BanditsConfig(int arms) implements FamilyConfig {

  /** Validates by constructing the family (its message names the problem). */
  public BanditsConfig {
    new BanditFamily(arms);
  }

  @Override
  public String name() {
    return BanditFamily.NAME;
  }

  @Override
  public BanditFamily toFamily() {
    return new BanditFamily(arms);
  }
}
