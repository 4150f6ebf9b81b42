package org.rl3spark.core.policy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
 * The allow-list of classical policies: a {@link PolicySpec} and the {@link PolicySet} of a task
 * family become a {@link Policy}. Nothing is instantiated by class name from configuration. Which
 * set a family accepts is part of the family's registration ({@code envs}' {@code FamilyPolicies}
 * looks it up by the family's name); {@code family} arguments here only name the family in
 * messages.
 */
public final class Policies {

  private Policies() {}

  /** The policy names of a set, sorted. */
  public static List<String> names(PolicySet set) {
    return List.copyOf(set.params().keySet());
  }

  /**
   * Checks a spec against the allow-list without building anything.
   *
   * @param family the family's name, for messages
   * @throws IllegalArgumentException naming the unknown policy or parameter
   */
  public static void validate(PolicySpec spec, String family, PolicySet set) {
    Map<String, Set<String>> byName = set.params();
    Set<String> allowed = byName.get(spec.name());
    if (allowed == null) {
      throw new IllegalArgumentException(
          "unknown policy '"
              + spec.name()
              + "' for "
              + family
              + ": expected one of "
              + String.join(", ", byName.keySet()));
    }
    for (String key : spec.params().keySet()) {
      if (!allowed.contains(key)) {
        throw new IllegalArgumentException(
            "policy "
                + spec.name()
                + " has no parameter '"
                + key
                + "'"
                + (allowed.isEmpty()
                    ? " (it takes none)"
                    : "; it takes " + String.join(", ", new TreeSet<>(allowed))));
      }
    }
  }

  /**
   * Builds a policy.
   *
   * @param spec name and hyperparameters (no {@code |} alternatives; expand first)
   * @param family the family's name, for messages
   * @param set the policies the family accepts
   * @param maxBudget the largest budget H it will play (sizes the Gittins table)
   */
  public static Policy create(PolicySpec spec, String family, PolicySet set, int maxBudget) {
    validate(spec, family, set);
    String name = spec.name();
    if (name.equals("random")) {
      return new RandomPolicy();
    }
    if (name.equals("oracle")) {
      return new MetaOracle.OraclePolicy();
    }
    if (set == PolicySet.BANDIT) {
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
      case "psrl", "opsrl" ->
          new Psrl(
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
