package org.rl3spark.jobs.config;

import java.util.List;
import java.util.Objects;
import org.rl3spark.envs.bandit.BanditFamily;
import org.rl3spark.envs.grid.GridFamily;
import org.rl3spark.envs.mdp.RandomMdpFamily;

/**
 * The {@code family} block: the settings of every family.
 *
 * @param bandits {@code family.bandits}
 * @param mdps {@code family.mdps}
 * @param gridworld {@code family.gridworld}
 */
public record FamiliesConfig(BanditsConfig bandits, MdpsConfig mdps, GridworldConfig gridworld) {

  /** The family names, as used in configs, paths and tables (the allow-list of families). */
  public static final List<String> NAMES =
      List.of(BanditFamily.NAME, RandomMdpFamily.NAME, GridFamily.NAME);

  /** Requires every block. */
  public FamiliesConfig {
    Objects.requireNonNull(bandits, "bandits");
    Objects.requireNonNull(mdps, "mdps");
    Objects.requireNonNull(gridworld, "gridworld");
  }

  /** The settings of the family named {@code name}. */
  public FamilyConfig get(String name) {
    return switch (name) {
      case BanditFamily.NAME -> bandits;
      case RandomMdpFamily.NAME -> mdps;
      case GridFamily.NAME -> gridworld;
      default ->
          throw new IllegalArgumentException(
              "unknown family '" + name + "': expected one of " + String.join(", ", NAMES));
    };
  }
}
