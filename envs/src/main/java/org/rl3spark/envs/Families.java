package org.rl3spark.envs;

import java.util.List;
import java.util.Optional;
import org.rl3spark.envs.bandit.BanditSupport;
import org.rl3spark.envs.family.FamilySupport;
import org.rl3spark.envs.grid.GridSupport;
import org.rl3spark.envs.mdp.RandomMdpSupport;

/**
 * The registry of task families: the allow-list of family names in configs, paths and tables, and
 * each family's {@link FamilySupport}. Registering a family is one line in {@link #ALL}
 * (walk-through: {@code docs/adding-a-family.md}); the order is that of messages and of the task
 * summary's columns.
 */
public final class Families {

  private static final List<FamilySupport<?>> ALL =
      List.of(new BanditSupport(), new RandomMdpSupport(), new GridSupport());

  private static final List<String> NAMES = ALL.stream().map(FamilySupport::name).toList();

  private Families() {}

  /** Every registered family, in registration order. */
  public static List<FamilySupport<?>> all() {
    return ALL;
  }

  /** The registered family names, in registration order. */
  public static List<String> names() {
    return NAMES;
  }

  /** The family named {@code name}, if registered. */
  public static Optional<FamilySupport<?>> find(String name) {
    return ALL.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /**
   * The family named {@code name}.
   *
   * @throws IllegalArgumentException naming the registered families if there is none
   */
  public static FamilySupport<?> get(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown family '" + name + "': expected one of " + String.join(", ", NAMES)));
  }
}
