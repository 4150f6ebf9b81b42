package org.rl3spark.jobs.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code analysis.qunique} block (Appendix D.2): how many random MDPs have δ-close optimal
 * Q-tables.
 *
 * @param settings the (α, β) settings, at least one, pairwise distinct
 * @param nMdps ({@code n-mdps}) MDPs per setting, in [2, 2³¹ − 1]
 * @param deltas thresholds δ, at least one, finite, &gt; 0, strictly increasing
 * @param methods counting methods, a non-empty subset of {@code all-pairs}, {@code grid}; with
 *     both, the job fails unless they agree count for count
 * @param horizon steps to go of the finite-horizon Q-table, ≥ 1 (paper: 10)
 * @param gamma discount of the Q-table, in (0, 1] (paper: 1)
 * @param blockSize ({@code block-size}) tables per block of the all-pairs method, ≥ 1
 * @param gridDims ({@code grid-dims}) grid coordinates of the grid method, 0 (automatic) to 6
 */
public record QuniqueConfig(
    List<MdpSetting> settings,
    long nMdps,
    List<Double> deltas,
    List<String> methods,
    int horizon,
    double gamma,
    int blockSize,
    int gridDims) {

  /** The all-pairs method. */
  public static final String ALL_PAIRS = "all-pairs";

  /** The grid-bucket method. */
  public static final String GRID = "grid";

  /** The counting methods. */
  public static final List<String> METHODS = List.of(ALL_PAIRS, GRID);

  /** Validates every field and lists every problem. */
  public QuniqueConfig {
    settings = List.copyOf(settings);
    deltas = List.copyOf(deltas);
    methods = List.copyOf(methods);
    InvalidFields.Checker check = new InvalidFields.Checker();
    check.require(!settings.isEmpty(), "settings", "must list at least one {alpha, beta}");
    check.require(
        new HashSet<>(settings).size() == settings.size(), "settings", "lists a setting twice");
    check.require(
        nMdps >= 2 && nMdps <= Integer.MAX_VALUE,
        "n-mdps",
        "must be in [2, " + Integer.MAX_VALUE + "], got " + nMdps);
    checkDeltas(check, "deltas", deltas);
    checkMethods(check, "methods", methods);
    check.require(horizon >= 1, "horizon", "must be >= 1, got " + horizon);
    check.require(gamma > 0 && gamma <= 1, "gamma", "must be in (0, 1], got " + gamma);
    check.require(blockSize >= 1, "block-size", "must be >= 1, got " + blockSize);
    check.require(
        gridDims >= 0 && gridDims <= 6,
        "grid-dims",
        "must be in [0, 6] (0 = auto), got " + gridDims);
    check.throwIfAny();
  }

  /** δ list checks shared with {@link QdupConfig}. */
  static void checkDeltas(InvalidFields.Checker check, String key, List<Double> deltas) {
    check.require(!deltas.isEmpty(), key, "must list at least one threshold");
    for (int i = 0; i < deltas.size(); i++) {
      double d = deltas.get(i);
      check.require(d > 0 && Double.isFinite(d), key, "must be finite and > 0, got " + d);
      if (i > 0) {
        check.require(d > deltas.get(i - 1), key, "must be strictly increasing, got " + deltas);
      }
    }
  }

  /** Method list checks shared with {@link QdupConfig}. */
  static void checkMethods(InvalidFields.Checker check, String key, List<String> methods) {
    check.require(!methods.isEmpty(), key, "must list at least one of " + METHODS);
    Set<String> seen = new HashSet<>();
    for (String m : methods) {
      check.require(
          METHODS.contains(m),
          key,
          "unknown method '" + m + "': expected " + METHODS + Suggestions.didYouMean(m, METHODS));
      check.require(seen.add(m), key, "lists " + m + " twice");
    }
  }

  /** The thresholds as an array. */
  public double[] deltaArray() {
    return deltas.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
