package org.rl3spark.envs;

import java.util.List;
import org.rl3spark.core.policy.Policies;
import org.rl3spark.core.policy.Policy;
import org.rl3spark.core.policy.PolicySet;
import org.rl3spark.core.policy.PolicySpec;
import org.rl3spark.envs.family.FamilySupport;

/**
 * The classical policies of a family, by the family's name: {@link Policies} over the {@link
 * PolicySet} its registration ({@link Families}) names.
 */
public final class FamilyPolicies {

  private FamilyPolicies() {}

  /** The policy names available for a family; none for an unregistered name. */
  public static List<String> names(String family) {
    return Families.find(family).map(f -> Policies.names(f.policies())).orElse(List.of());
  }

  /**
   * Checks a spec against the family's allow-list without building anything.
   *
   * @throws IllegalArgumentException naming the unknown family, policy or parameter
   */
  public static void validate(PolicySpec spec, String family) {
    Policies.validate(spec, family, set(family));
  }

  /**
   * Builds a policy for a family's tasks.
   *
   * @param spec name and hyperparameters (no {@code |} alternatives; expand first)
   * @param maxBudget the largest budget H it will play (sizes the Gittins table)
   */
  public static Policy create(PolicySpec spec, String family, int maxBudget) {
    return Policies.create(spec, family, set(family), maxBudget);
  }

  private static PolicySet set(String family) {
    return Families.find(family)
        .map(FamilySupport::policies)
        .orElseThrow(
            () ->
                new IllegalArgumentException("no classical policies for family '" + family + "'"));
  }
}
