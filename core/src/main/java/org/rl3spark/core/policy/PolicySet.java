package org.rl3spark.core.policy;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The classical policies that suit one kind of task, with the hyperparameters each takes. A task
 * family accepts one set (its registration in {@code envs} names it); {@link Policies} builds the
 * set's policies. Every set has {@code random} and {@code oracle}.
 */
public enum PolicySet {
  /** Only {@code random} and {@code oracle}. */
  COMMON(Map.of()),
  /**
   * Bernoulli bandits: {@code greedy}, {@code epsilon_greedy(eps)}, {@code ucb1_rl2(c)}, {@code
   * thompson}, {@code ots_rl2(samples)}, {@code gittins(gamma, depth, grid)}.
   */
  BANDIT(
      Map.of(
          "greedy", Set.of(),
          "epsilon_greedy", Set.of("eps"),
          "ucb1_rl2", Set.of("c"),
          "thompson", Set.of(),
          "ots_rl2", Set.of("samples"),
          "gittins", Set.of("gamma", "depth", "grid"))),
  /**
   * Tabular MDPs: {@code greedy}, {@code epsilon_greedy(eps)}, {@code psrl(mu0, alpha0, tau0,
   * tau)}, {@code opsrl(samples, mu0, alpha0, tau0, tau)}, {@code ucrl2(scaling, delta)}, {@code
   * beb(scaling)}.
   */
  TABULAR(
      Map.of(
          "greedy", Set.of(),
          "epsilon_greedy", Set.of("eps"),
          "psrl", Set.of("mu0", "alpha0", "tau0", "tau"),
          "opsrl", Set.of("samples", "mu0", "alpha0", "tau0", "tau"),
          "ucrl2", Set.of("scaling", "delta"),
          "beb", Set.of("scaling")));

  private final Map<String, Set<String>> params;

  PolicySet(Map<String, Set<String>> specific) {
    Map<String, Set<String>> m = new TreeMap<>(specific);
    m.put("random", Set.of());
    m.put("oracle", Set.of());
    this.params = Collections.unmodifiableMap(m);
  }

  /** Policy name to the names of its hyperparameters, names sorted. */
  public Map<String, Set<String>> params() {
    return params;
  }
}
