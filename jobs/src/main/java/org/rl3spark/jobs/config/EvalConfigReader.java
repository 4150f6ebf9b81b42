package org.rl3spark.jobs.config;

import static org.rl3spark.jobs.config.ConfigText.renderSafe;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.rl3spark.core.task.Split;
import org.rl3spark.envs.family.FamilyConfig;

/**
 * Reads the {@code rollout} and {@code evaluate} blocks. Like the rest of the loader it records
 * every problem and returns null for a block that is not valid; fields that could be read are
 * checked even when others could not.
 */
final class EvalConfigReader {

  /** Reads one element of a list of sets ({@code demo.sets}, {@code evaluate.sets}). */
  @FunctionalInterface
  interface SetReader {
    /** The set, or null (with its problems recorded). */
    DemoSet read(ConfigValue value, String label, Map<String, FamilyConfig> families);
  }

  private EvalConfigReader() {}

  /** The {@code rollout} block, or null. */
  static RolloutConfig rollout(Config c, ProblemSink sink, Map<String, FamilyConfig> families) {
    ConfigReader r = new ConfigReader(c, "", sink).reader("rollout");
    if (r == null) {
      return null;
    }
    String name = r.string("name");
    String family = r.string("family");
    Split split = r.split("split");
    Long count = r.int64("count");
    Integer budget = r.int32("budget");
    Integer episodes = r.int32("episodes");
    String policy = r.string("policy");
    InvalidFields.Checker check = new InvalidFields.Checker();
    RolloutConfig.check(check, name, family, count, budget, episodes, policy);
    FamilyConfig f = family == null ? null : families.get(family);
    if (f != null && split != null && !f.toFamily().supports(split)) {
      check.require(false, "split", DemoSet.unsupportedSplit(f.toFamily(), split));
    }
    try {
      check.throwIfAny();
    } catch (InvalidFields e) {
      sink.addInvalid("rollout", e);
      return null;
    }
    if (name == null
        || family == null
        || split == null
        || count == null
        || budget == null
        || episodes == null
        || policy == null) {
      return null;
    }
    return new RolloutConfig(name, family, split, count, budget, episodes, policy);
  }

  /** The {@code evaluate} block, or null. */
  static EvaluateConfig evaluate(
      Config c, ProblemSink sink, Map<String, FamilyConfig> families, SetReader setReader) {
    ConfigReader r = new ConfigReader(c, "", sink).reader("evaluate");
    if (r == null) {
      return null;
    }
    String name = r.string("name");
    Long count = r.int64("count");
    Integer progress = r.int32("progress-seconds");
    List<Integer> budgets = integers(r, "budgets", sink);
    List<String> policies = strings(r, "policies", sink);
    List<DemoSet> sets = null;
    boolean setsComplete = false;
    ConfigValue setsValue = r.value("sets");
    if (setsValue != null && setsValue.valueType() != ConfigValueType.LIST) {
      sink.add(
          r.path("sets"),
          "wrong type: expected a list of sets like [{ family = bandits,"
              + " split = test }], got "
              + typeName(setsValue));
    } else if (setsValue != null) {
      ConfigList list = (ConfigList) setsValue;
      sets = new ArrayList<>();
      setsComplete = true;
      for (int i = 0; i < list.size(); i++) {
        DemoSet s = setReader.read(list.get(i), "evaluate.sets[" + i + "]", families);
        if (s == null) {
          setsComplete = false;
        } else {
          sets.add(s);
        }
      }
    }
    EvaluateConfig.Problems problems = new EvaluateConfig.Problems();
    // With some sets unreadable, the policies are still checked against the families of the rest.
    EvaluateConfig.check(
        problems,
        name,
        count,
        sets == null || (!setsComplete && sets.isEmpty()) ? null : sets,
        !setsComplete,
        budgets,
        policies,
        progress);
    InvalidFields.Checker check = new InvalidFields.Checker();
    problems.into(check);
    try {
      check.throwIfAny();
    } catch (InvalidFields e) {
      sink.addInvalid("evaluate", e);
      return null;
    }
    if (name == null
        || count == null
        || progress == null
        || budgets == null
        || policies == null
        || !setsComplete) {
      return null;
    }
    return new EvaluateConfig(name, count, sets, budgets, policies, progress);
  }

  /** A list of integers, or null with the problems recorded. */
  private static List<Integer> integers(ConfigReader r, String key, ProblemSink sink) {
    return elements(
        r,
        key,
        sink,
        "integers like [10, 100]",
        "an integer",
        v ->
            v.valueType() == ConfigValueType.NUMBER
                    && (v.unwrapped() instanceof Integer
                        || (v.unwrapped() instanceof Long l && l == l.intValue()))
                ? ((Number) v.unwrapped()).intValue()
                : null);
  }

  /** A list of strings, or null with the problems recorded. */
  private static List<String> strings(ConfigReader r, String key, ProblemSink sink) {
    return elements(
        r,
        key,
        sink,
        "strings like [\"random\", \"ucb1_rl2(c=0.1|0.2)\"]",
        "a string",
        v -> v.valueType() == ConfigValueType.STRING ? (String) v.unwrapped() : null);
  }

  /**
   * The elements of a list, each converted by {@code convert} (null: the element is of the wrong
   * type), or null with the problems recorded.
   */
  private static <T> List<T> elements(
      ConfigReader r,
      String key,
      ProblemSink sink,
      String expected,
      String element,
      Function<ConfigValue, T> convert) {
    ConfigList list = list(r, key, sink, expected);
    if (list == null) {
      return null;
    }
    List<T> out = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < list.size(); i++) {
      ConfigValue v = list.get(i);
      T x = convert.apply(v);
      if (x != null) {
        out.add(x);
      } else {
        sink.add(
            r.path(key) + "[" + i + "]",
            "wrong type: expected " + element + ", got " + typeName(v) + " " + renderSafe(v));
        ok = false;
      }
    }
    return ok ? out : null;
  }

  private static ConfigList list(ConfigReader r, String key, ProblemSink sink, String expected) {
    ConfigValue v = r.value(key);
    if (v == null) {
      return null;
    }
    if (v.valueType() != ConfigValueType.LIST) {
      sink.add(
          r.path(key),
          "wrong type: expected a list of "
              + expected
              + ", got "
              + typeName(v)
              + " "
              + v.render(ConfigRenderOptions.concise()));
      return null;
    }
    return (ConfigList) v;
  }

  private static String typeName(ConfigValue v) {
    return ConfigText.typeName(v.valueType());
  }
}
