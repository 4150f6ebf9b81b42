package org.rl3spark.core.policy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.rl3spark.core.policy.bandit.GittinsIndexTable;
import org.rl3spark.core.policy.bandit.GittinsPolicy;
import org.rl3spark.core.policy.bandit.GreedyBandit;
import org.rl3spark.core.policy.bandit.OptimisticThompsonRl2;
import org.rl3spark.core.policy.bandit.ThompsonSampling;
import org.rl3spark.core.policy.bandit.Ucb1Rl2;
import org.rl3spark.core.policy.tabular.Beb;
import org.rl3spark.core.policy.tabular.GreedyMap;
import org.rl3spark.core.policy.tabular.Psrl;
import org.rl3spark.core.policy.tabular.Ucrl2;

/**
 * The allow-list of classical policies: a {@link PolicySpec} and a task family name become a
 * {@link Policy}. Nothing is instantiated by class name from configuration.
 *
 * <p>Per family: every family has {@code random} and {@code oracle}; {@code bandits} has {@code
 * greedy}, {@code epsilon_greedy(eps)}, {@code ucb1_rl2(c)}, {@code thompson}, {@code
 * ots_rl2(samples)}, {@code gittins(gamma)}; {@code mdps} has {@code greedy}, {@code
 * epsilon_greedy(eps)}, {@code psrl(mu0, alpha0, tau0, tau)}, {@code opsrl(samples, mu0, alpha0,
 * tau0, tau)}, {@code ucrl2(scaling, delta)}, {@code beb(scaling)}.
 */
public final class Policies {

  private static final Map<String, Map<String, Set<String>>> PARAMS = new TreeMap<>();

  static {
    Map<String, Set<String>> common = Map.of("random", Set.of(), "oracle", Set.of());
    Map<String, Set<String>> bandits = new TreeMap<>(common);
    bandits.put("greedy", Set.of());
    bandits.put("epsilon_greedy", Set.of("eps"));
    bandits.put("ucb1_rl2", Set.of("c"));
    bandits.put("thompson", Set.of());
    bandits.put("ots_rl2", Set.of("samples"));
    bandits.put("gittins", Set.of("gamma", "depth", "grid"));
    Map<String, Set<String>> mdps = new TreeMap<>(common);
    mdps.put("greedy", Set.of());
    mdps.put("epsilon_greedy", Set.of("eps"));
    mdps.put("psrl", Set.of("mu0", "alpha0", "tau0", "tau"));
    mdps.put("opsrl", Set.of("samples", "mu0", "alpha0", "tau0", "tau"));
    mdps.put("ucrl2", Set.of("scaling", "delta"));
    mdps.put("beb", Set.of("scaling"));
    PARAMS.put("bandits", bandits);
    PARAMS.put("mdps", mdps);
    PARAMS.put("gridworld", new TreeMap<>(common));
  }

  private Policies() {}

  /** The policy names available for a family. */
  public static List<String> names(String family) {
    Map<String, Set<String>> byName = PARAMS.get(family);
    return byName == null ? List.of() : List.copyOf(byName.keySet());
  }

  /**
   * Checks a spec against the allow-list without building anything.
   *
   * @throws IllegalArgumentException naming the unknown policy or parameter
   */
  public static void validate(PolicySpec spec, String family) {
    Map<String, Set<String>> byName = PARAMS.get(family);
    if (byName == null) {
      throw new IllegalArgumentException("no classical policies for family '" + family + "'");
    }
    Set<String> allowed = byName.get(spec.name());
    if (allowed == null) {
      throw new IllegalArgumentException(
          "unknown policy '" + spec.name() + "' for " + family + ": expected one of "
              + String.join(", ", byName.keySet()));
    }
    for (String key : spec.params().keySet()) {
      if (!allowed.contains(key)) {
        throw new IllegalArgumentException(
            "policy " + spec.name() + " has no parameter '" + key + "'"
                + (allowed.isEmpty() ? " (it takes none)" : "; it takes " + String.join(", ",
                    new java.util.TreeSet<>(allowed))));
      }
    }
  }

  /**
   * Builds a policy.
   *
   * @param spec name and hyperparameters (no {@code |} alternatives; expand first)
   * @param family {@code bandits}, {@code mdps} or {@code gridworld}
   * @param maxBudget the largest budget H it will play (sizes the Gittins table)
   */
  public static Policy create(PolicySpec spec, String family, int maxBudget) {
    validate(spec, family);
    String name = spec.name();
    if (name.equals("random")) {
      return new RandomPolicy();
    }
    if (name.equals("oracle")) {
      return new MetaOracle.OraclePolicy();
    }
    if (family.equals("bandits")) {
      return switch (name) {
        case "greedy" -> new GreedyBandit(0);
        case "epsilon_greedy" -> new GreedyBandit(spec.getDouble("eps", 0.1));
        case "ucb1_rl2" -> new Ucb1Rl2(spec.getDouble("c", 0.2));
        case "thompson" -> new ThompsonSampling();
        case "ots_rl2" -> new OptimisticThompsonRl2(spec.getInt("samples", 5));
        case "gittins" -> {
          double gamma = spec.getDouble("gamma", 0.98);
          yield new GittinsPolicy(
              GittinsIndexTable.of(
                  gamma,
                  Math.max(0, maxBudget - 1),
                  spec.getInt("depth", GittinsIndexTable.defaultDepth(gamma)),
                  spec.getInt("grid", GittinsIndexTable.DEFAULT_GRID)));
        }
        default -> throw new IllegalStateException(name);
      };
    }
    return switch (name) {
      case "greedy" -> new GreedyMap(0);
      case "epsilon_greedy" -> new GreedyMap(spec.getDouble("eps", 0.1));
      case "psrl", "opsrl" -> new Psrl(
          name.equals("psrl") ? 1 : spec.getInt("samples", 10),
          spec.getDouble("alpha0", 1.0),
          spec.getDouble("mu0", 0.0),
          spec.getDouble("tau0", 1.0),
          spec.getDouble("tau", 1.0));
      case "ucrl2" -> new Ucrl2(spec.getDouble("scaling", 0.1), spec.getDouble("delta", 0.05));
      case "beb" -> new Beb(spec.getDouble("scaling", 0.01));
      default -> throw new IllegalStateException(name);
    };
  }
}
