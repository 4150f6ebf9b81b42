package org.rl3spark.jobs.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rl3spark.envs.Families;
import org.rl3spark.envs.family.FamilyConfig;

/**
 * The {@code family} block: the settings of every registered family ({@link Families}), each read
 * from {@code family.<name>} into its registration's record.
 *
 * @param byName the settings by family name, in registration order
 */
public record FamiliesConfig(Map<String, FamilyConfig> byName) {

  /** The family names, as used in configs, paths and tables (the allow-list of families). */
  public static final List<String> NAMES = Families.names();

  /** Requires the block of every registered family and no other. */
  public FamiliesConfig {
    Map<String, FamilyConfig> ordered = new LinkedHashMap<>();
    for (String name : NAMES) {
      ordered.put(name, Objects.requireNonNull(byName.get(name), name));
    }
    if (!NAMES.containsAll(byName.keySet())) {
      throw new IllegalArgumentException("unregistered families among " + byName.keySet());
    }
    byName = Collections.unmodifiableMap(ordered);
  }

  /** The settings of the family named {@code name}. */
  public FamilyConfig get(String name) {
    FamilyConfig f = byName.get(name);
    if (f == null) {
      throw new IllegalArgumentException(
          "unknown family '" + name + "': expected one of " + String.join(", ", NAMES));
    }
    return f;
  }

  /** The settings of the family named {@code name}, as its registration's record type. */
  public <C extends FamilyConfig> C get(String name, Class<C> type) {
    return type.cast(get(name));
  }

  /** The problem with a family name that is not one of {@link #NAMES}, with a suggestion. */
  static String unknown(String family) {
    return "unknown family '"
        + family
        + "': expected one of "
        + String.join(", ", NAMES)
        + (family == null ? "" : Suggestions.didYouMean(family, NAMES));
  }
}
