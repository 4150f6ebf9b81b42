package org.rl3spark.jobs.config;

import java.util.regex.Pattern;
import org.rl3spark.core.policy.PolicySpec;
import org.rl3spark.core.task.Split;

/**
 * The {@code rollout} block: one policy played through the tasks of one family and split.
 *
 * @param name output directory name below {@code <output.dir>/rollout/}; empty = derived from
 *     family, variant, split, policy and budget
 * @param family the family name, one of {@link FamiliesConfig#NAMES} (settings in {@code
 *     family.<family>})
 * @param split the split
 * @param count number of tasks (indices 0 .. count − 1), &gt; 0 (upper bound: {@link
 *     Limits#rolloutCount})
 * @param budget the interaction budget H in steps, ≥ 1 (upper bound: {@link Limits#ROLLOUT_BUDGET})
 * @param episodes meta-episodes per task, ≥ 1 (upper bound: {@link Limits#ROLLOUT_EPISODES})
 * @param policy one policy spec, {@code name} or {@code name(key=value, ...)}, without {@code |}
 *     alternatives, allowed for the family
 */
public record RolloutConfig(
    String name, String family, Split split, long count, int budget, int episodes, String policy) {

  /** A plain output directory name. */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

  /** Validates the fields and lists every problem. */
  public RolloutConfig {
    InvalidFields.Checker check = new InvalidFields.Checker();
    check(check, name, family, count, budget, episodes, policy);
    check.require(split != null, "split", "must be one of train, test, ood");
    check.throwIfAny();
  }

  /**
   * Records the problems of the fields that could be read (null = unread, not checked).
   *
   * @param check where problems go, keyed by the field's config key
   */
  static void check(
      InvalidFields.Checker check,
      String name,
      String family,
      Long count,
      Integer budget,
      Integer episodes,
      String policy) {
    if (name != null) {
      check.require(
          name.isEmpty() || (NAME.matcher(name).matches() && !name.equals("..")),
          "name",
          "'" + name + "' is not a plain directory name (letters, digits, _ . -), or \"\"");
    }
    boolean familyOk = family == null || FamiliesConfig.NAMES.contains(family);
    check.require(familyOk, "family", FamiliesConfig.unknown(family));
    if (count != null) {
      check.require(count > 0, "count", "must be > 0, got " + count);
    }
    if (budget != null) {
      check.require(
          budget >= 1,
          "budget",
          "must be in [1, " + Limits.ROLLOUT_BUDGET.soft() + "] steps, got " + budget);
      check.withinHard(Limits.ROLLOUT_BUDGET, "budget", budget);
    }
    if (episodes != null) {
      check.require(
          episodes >= 1,
          "episodes",
          "must be in [1, " + Limits.ROLLOUT_EPISODES.soft() + "], got " + episodes);
      check.withinHard(Limits.ROLLOUT_EPISODES, "episodes", episodes);
    }
    if (policy != null && family != null && familyOk) {
      String problem = null;
      try {
        PolicySpec spec = PolicySpec.parse(policy);
        if (spec.expand().size() > 1) {
          problem =
              "'"
                  + policy
                  + "' lists "
                  + spec.expand().size()
                  + " alternatives: rollout plays one policy (sweeps belong in evaluate.policies)";
        } else {
          PolicyChecks.canonicalName(spec, family);
          if (budget != null
              && PolicyChecks.limitedBudget(spec, family)
              && budget > PolicyChecks.GITTINS_MAX_BUDGET) {
            problem =
                "Gittins index tables grow with H²: budgets above "
                    + PolicyChecks.GITTINS_MAX_BUDGET
                    + " are not supported, got "
                    + budget;
          }
        }
      } catch (IllegalArgumentException e) {
        problem = e.getMessage();
      }
      check.require(problem == null, "policy", problem);
    }
  }

  /** The policy as a parsed spec. */
  public PolicySpec policySpec() {
    return PolicySpec.parse(policy);
  }

  /** The policy's canonical name (as in result tables). */
  public String policyName() {
    return PolicyChecks.canonicalName(policySpec(), family);
  }

  /** Whether {@code name} is a plain directory name: letters, digits, _ . -, not {@code ..}. */
  static boolean isPlainName(String name) {
    return NAME.matcher(name).matches() && !name.equals("..");
  }

  /** The problem with a name that is not plain. */
  static String notPlain(String name) {
    return "'" + name + "' is not a plain directory name (letters, digits, _ . -)";
  }
}
