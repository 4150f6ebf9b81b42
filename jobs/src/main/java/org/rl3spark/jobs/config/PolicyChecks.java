package org.rl3spark.jobs.config;

import org.rl3spark.core.policy.PolicySpec;
import org.rl3spark.core.policy.bandit.GittinsIndexTable;
import org.rl3spark.envs.FamilyPolicies;

/**
 * Config-time checks of policy specs: the allow-list ({@link FamilyPolicies#validate}) and the
 * hyperparameter values, without building anything expensive (Gittins tables are only checked,
 * never computed here).
 */
public final class PolicyChecks {

  /** The largest budget H a Gittins policy supports: its table grows with H². */
  public static final int GITTINS_MAX_BUDGET = 2000;

  private PolicyChecks() {}

  /**
   * The name the built policy will have (its canonical name with hyperparameters, as in result
   * tables), checking the spec's name, parameter names and values.
   *
   * @param spec a spec without {@code |} alternatives
   * @param family the family name
   * @throws IllegalArgumentException naming the problem
   */
  public static String canonicalName(PolicySpec spec, String family) {
    FamilyPolicies.validate(spec, family);
    for (String value : spec.params().values()) {
      if (value.contains("|")) {
        throw new IllegalArgumentException(
            "policy " + spec + " lists alternatives: expand it into one policy per value first");
      }
    }
    if (limitedBudget(spec, family)) {
      // The name GittinsPolicy#name gives, without computing the table (Policies#create defaults).
      double gamma = spec.getDouble("gamma", 0.98);
      if (!(gamma > 0 && gamma < 1)) {
        throw new IllegalArgumentException("Gittins discount must be in (0, 1), got " + gamma);
      }
      int depth = spec.getInt("depth", GittinsIndexTable.defaultDepth(gamma));
      int grid = spec.getInt("grid", GittinsIndexTable.DEFAULT_GRID);
      if (depth < 1 || grid < 2) {
        throw new IllegalArgumentException(
            "Gittins needs depth >= 1 and grid >= 2; got depth=" + depth + ", grid=" + grid);
      }
      StringBuilder b = new StringBuilder("gittins(gamma=").append(PolicySpec.format(gamma));
      if (depth != GittinsIndexTable.defaultDepth(gamma)) {
        b.append(",depth=").append(depth);
      }
      if (grid != GittinsIndexTable.DEFAULT_GRID) {
        b.append(",grid=").append(grid);
      }
      return b.append(')').toString();
    }
    return FamilyPolicies.create(spec, family, 1).name();
  }

  /** Whether the spec's policy is sized by the budget (Gittins tables). */
  static boolean limitedBudget(PolicySpec spec, String family) {
    return spec.name().equals("gittins") && FamilyPolicies.names(family).contains("gittins");
  }
}
