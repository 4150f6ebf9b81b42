package org.rl3spark.jobs.config;

import java.util.List;

/**
 * The {@code analysis.qdup} block (Fig. 7 left): δ-duplicates among the Q-estimates of many MDPs
 * after every step (estimates from {@code analysis.estimates}).
 *
 * @param nMdps ({@code n-mdps}) MDPs, in [2, 2³¹ − 1] (paper: 5,000)
 * @param deltas thresholds δ, finite, &gt; 0, strictly increasing (paper: 0.1)
 * @param methods counting methods, as in {@link QuniqueConfig}; with both, they must agree
 */
public record QdupConfig(long nMdps, List<Double> deltas, List<String> methods) {

  /** Validates every field and lists every problem. */
  public QdupConfig {
    deltas = List.copyOf(deltas);
    methods = List.copyOf(methods);
    InvalidFields.Checker check = new InvalidFields.Checker();
    check.require(
        nMdps >= 2 && nMdps <= Integer.MAX_VALUE,
        "n-mdps",
        "must be in [2, " + Integer.MAX_VALUE + "], got " + nMdps);
    QuniqueConfig.checkDeltas(check, "deltas", deltas);
    QuniqueConfig.checkMethods(check, "methods", methods);
    check.throwIfAny();
  }
}
