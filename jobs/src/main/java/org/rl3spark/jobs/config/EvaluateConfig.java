package org.rl3spark.jobs.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rl3spark.core.policy.PolicySpec;
import org.rl3spark.core.task.Split;
import org.rl3spark.core.task.TaskFamily;
import org.rl3spark.envs.FamilyPolicies;

/**
 * The {@code evaluate} block: policies × budgets over the held-out tasks of several sets.
 *
 * <p>A policy applies to every set whose family knows its name ({@link FamilyPolicies#names}); a
 * name no set's family knows is an error, and so are unknown parameters and out-of-range values.
 * {@code |} alternatives are expanded in place into one policy per combination ({@link
 * PolicySpec#expand}), and two entries that build the same policy (the same canonical name) are an
 * error.
 *
 * @param name output directory name below {@code <output.dir>/eval/}
 * @param count tasks per set (indices 0 .. count − 1), ≥ 2 (upper bound: {@link
 *     Limits#EVALUATE_COUNT})
 * @param sets the (family settings, split) sets, split {@code test} or {@code ood}, pairwise
 *     distinct in (family, variant, split)
 * @param budgets budgets H in steps, each ≥ 1 (upper bound: {@link Limits#EVALUATE_BUDGET}),
 *     distinct; kept ascending
 * @param policies policy specs as written (possibly with {@code |} sweeps)
 * @param progressSeconds seconds between progress lines; 0 = none
 */
public record EvaluateConfig(
    String name,
    long count,
    List<DemoSet> sets,
    List<Integer> budgets,
    List<String> policies,
    int progressSeconds) {

  /** Validates the fields, lists every problem, and sorts the budgets. */
  public EvaluateConfig {
    sets = List.copyOf(sets);
    budgets = budgets.stream().sorted().toList();
    policies = List.copyOf(policies);
    InvalidFields.Checker check = new InvalidFields.Checker();
    Problems problems = new Problems();
    check(problems, name, count, sets, false, budgets, policies, progressSeconds);
    problems.into(check);
    check.throwIfAny();
  }

  /**
   * Records the problems of the fields that could be read (null = unread, not checked; problems
   * that involve an unread field are skipped). With {@code setsPartial}, {@code sets} holds only
   * the sets that could be read: policies are checked against their families, but a policy no
   * family knows is not reported (it may belong to an unreadable set).
   */
  static void check(
      Problems check,
      String name,
      Long count,
      List<DemoSet> sets,
      boolean setsPartial,
      List<Integer> budgets,
      List<String> policies,
      Integer progressSeconds) {
    if (name != null) {
      check.require(RolloutConfig.isPlainName(name), "name", RolloutConfig.notPlain(name));
    }
    if (count != null) {
      check.require(
          count >= 2,
          "count",
          "must be in [2, "
              + Limits.EVALUATE_COUNT.soft()
              + "] (the standard error needs 2 tasks),"
              + " got "
              + count);
      check.withinHard(Limits.EVALUATE_COUNT, "count", count);
    }
    if (progressSeconds != null) {
      check.require(
          progressSeconds >= 0,
          "progress-seconds",
          "must be >= 0 (0 = off), got " + progressSeconds);
    }
    if (sets != null) {
      check.require(!sets.isEmpty(), "sets", "must list at least one set");
      Set<String> seen = new HashSet<>();
      for (DemoSet s : sets) {
        TaskFamily f = s.taskFamily();
        String key = f.family() + "/" + f.variant() + "/" + s.split().id();
        check.require(seen.add(key), "sets", "lists " + key + " twice");
        check.require(
            s.split() != Split.TRAIN,
            "sets",
            key + ": evaluation uses held-out tasks, split must be test or ood");
      }
    }
    if (budgets != null) {
      check.require(!budgets.isEmpty(), "budgets", "must list at least one budget H");
      for (int b : budgets) {
        check.require(
            b >= 1,
            "budgets",
            "every budget must be in [1, " + Limits.EVALUATE_BUDGET.soft() + "] steps, got " + b);
        check.withinHard(Limits.EVALUATE_BUDGET, "budgets", b);
      }
      check.require(
          new HashSet<>(budgets).size() == budgets.size(), "budgets", "lists a budget twice");
    }
    if (policies != null) {
      check.require(!policies.isEmpty(), "policies", "must list at least one policy");
      if (sets != null) {
        checkPolicies(check, sets, setsPartial, budgets, policies);
      }
    }
  }

  private static void checkPolicies(
      Problems check,
      List<DemoSet> sets,
      boolean setsPartial,
      List<Integer> budgets,
      List<String> policies) {
    Set<String> families = new LinkedHashSet<>();
    sets.forEach(s -> families.add(s.taskFamily().family()));
    int maxBudget =
        budgets == null || budgets.isEmpty() ? 1 : budgets.stream().max(Integer::compare).get();
    Map<String, Map<String, String>> seen = new LinkedHashMap<>();
    for (int i = 0; i < policies.size(); i++) {
      String key = "policies[" + i + "]";
      String text = policies.get(i);
      if (CheckpointPolicies.isCheckpoint(text)) {
        checkCheckpoint(check, key, text, sets, setsPartial, budgets, seen);
        continue;
      }
      PolicySpec spec;
      try {
        spec = PolicySpec.parse(text);
      } catch (IllegalArgumentException e) {
        check.require(false, key, e.getMessage());
        continue;
      }
      boolean known = false;
      for (String family : families) {
        if (!FamilyPolicies.names(family).contains(spec.name())) {
          continue;
        }
        known = true;
        Map<String, String> names = seen.computeIfAbsent(family, f -> new LinkedHashMap<>());
        for (PolicySpec one : spec.expand()) {
          String canonical;
          try {
            canonical = PolicyChecks.canonicalName(one, family);
          } catch (IllegalArgumentException e) {
            check.require(false, key, "'" + text + "' (" + family + "): " + e.getMessage());
            break;
          }
          if (PolicyChecks.limitedBudget(one, family)
              && maxBudget > PolicyChecks.GITTINS_MAX_BUDGET) {
            check.require(
                false,
                key,
                "Gittins index tables grow with H²: budgets above "
                    + PolicyChecks.GITTINS_MAX_BUDGET
                    + " are not supported, got "
                    + maxBudget);
            break;
          }
          String before = names.putIfAbsent(canonical, one.toString());
          check.require(
              before == null,
              key,
              "'"
                  + one
                  + "' is the same policy as '"
                  + before
                  + "' ("
                  + canonical
                  + "): list every policy once");
        }
      }
      Set<String> allowed = new LinkedHashSet<>();
      families.forEach(f -> allowed.addAll(FamilyPolicies.names(f)));
      check.require(
          known || setsPartial,
          key,
          "unknown policy '"
              + spec.name()
              + "' for "
              + String.join(", ", families)
              + ": expected one of "
              + String.join(", ", allowed)
              + Suggestions.didYouMean(spec.name(), allowed));
    }
    for (String family : families) {
      check.require(
          seen.containsKey(family) || setsPartial,
          "policies",
          "no policy applies to the " + family + " sets; e.g. add random");
    }
  }

  private static void checkCheckpoint(
      Problems check,
      String key,
      String text,
      List<DemoSet> sets,
      boolean setsPartial,
      List<Integer> budgets,
      Map<String, Map<String, String>> seen) {
    String family;
    try {
      family = CheckpointPolicies.family(text);
    } catch (RuntimeException e) {
      check.require(false, key, e.getMessage());
      return;
    }
    boolean known = false;
    for (DemoSet s : sets) {
      if (!s.taskFamily().family().equals(family)) {
        continue;
      }
      known = true;
      try {
        String canonical = CheckpointPolicies.check(text, s.taskFamily(), budgets);
        String before =
            seen.computeIfAbsent(family, f -> new LinkedHashMap<>()).putIfAbsent(canonical, text);
        check.require(
            before == null || before.equals(text),
            key,
            "'"
                + text
                + "' is the same agent as '"
                + before
                + "' ("
                + canonical
                + "): list it once");
      } catch (RuntimeException e) {
        check.require(false, key, "'" + text + "': " + e.getMessage());
      }
    }
    check.require(
        known || setsPartial,
        key,
        "'" + text + "' is an agent trained on " + family + ", and no set is of that family");
  }

  /** Problems per config key; several problems of one key become one message. */
  static final class Problems {
    private final Map<String, List<String>> byKey = new LinkedHashMap<>();

    /** Records {@code message} at {@code key} unless {@code ok}. */
    void require(boolean ok, String key, String message) {
      if (!ok) {
        List<String> l = byKey.computeIfAbsent(key, k -> new ArrayList<>());
        if (!l.contains(message)) {
          l.add(message);
        }
      }
    }

    /** Records a problem at {@code key} if {@code value} exceeds the hard part of {@code bound}. */
    void withinHard(Bound bound, String key, long value) {
      bound.problem(value, true).ifPresent(m -> require(false, key, m));
    }

    /** Adds one problem per key to {@code check}. */
    void into(InvalidFields.Checker check) {
      byKey.forEach((k, l) -> check.require(false, k, String.join("; ", l)));
    }
  }

  /**
   * The policies that apply to a family's sets, one spec per sweep combination, in config order.
   */
  public List<PolicySpec> specsFor(String family) {
    List<PolicySpec> out = new ArrayList<>();
    for (String text : policies) {
      if (CheckpointPolicies.isCheckpoint(text)) {
        continue;
      }
      PolicySpec spec = PolicySpec.parse(text);
      if (FamilyPolicies.names(family).contains(spec.name())) {
        out.addAll(spec.expand());
      }
    }
    return out;
  }

  /** The largest budget. */
  public int maxBudget() {
    return budgets.get(budgets.size() - 1);
  }
}
