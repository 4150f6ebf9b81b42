package org.rl3spark.jobs.config;

import static org.rl3spark.jobs.config.ConfigText.join;
import static org.rl3spark.jobs.config.ConfigText.origin;
import static org.rl3spark.jobs.config.ConfigText.typeName;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rl3spark.core.config.InvalidSettings;
import org.rl3spark.core.task.Split;
import org.rl3spark.envs.Families;
import org.rl3spark.envs.bandit.BanditsConfig;
import org.rl3spark.envs.family.FamilyConfig;

/**
 * Reads the {@code demo} block and the sets of tasks that it and {@code evaluate.sets} list: a set
 * is a family, a split and any of the family's keys, which override its {@code family.<name>}
 * block.
 */
final class DemoBlockReader {

  private final Config c;
  private final Config defaults;
  private final ProblemSink sink;

  /**
   * @param c the resolved config
   * @param defaults the defaults (the keys a set of each family may override)
   */
  DemoBlockReader(Config c, Config defaults, ProblemSink sink) {
    this.c = c;
    this.defaults = defaults;
    this.sink = sink;
  }

  /** The {@code demo} block, or null. */
  DemoConfig demo(Map<String, FamilyConfig> families) {
    ConfigReader r = new ConfigReader(c, "", sink).reader("demo");
    if (r == null) {
      return null;
    }
    Long count = r.int64("count");
    ConfigValue setsValue = r.value("sets");
    List<DemoSet> sets = new ArrayList<>();
    boolean setsOk = setsValue != null && setsValue.valueType() == ConfigValueType.LIST;
    if (setsOk) {
      ConfigList list = (ConfigList) setsValue;
      for (int i = 0; i < list.size(); i++) {
        DemoSet s = set(list.get(i), "demo.sets[" + i + "]", families);
        if (s == null) {
          setsOk = false;
        } else {
          sets.add(s);
        }
      }
    }
    if (count == null || !setsOk) {
      if (count != null) {
        // the count's own problems, with a placeholder set
        try {
          new DemoConfig(count, List.of(new DemoSet(new BanditsConfig(1), Split.TEST)));
        } catch (InvalidSettings e) {
          sink.addInvalid("demo", e);
        }
      }
      return null;
    }
    try {
      return new DemoConfig(count, sets);
    } catch (IllegalArgumentException e) {
      sink.addInvalid("demo", e);
      return null;
    }
  }

  /** One set of a list, or null. */
  DemoSet set(ConfigValue v, String label, Map<String, FamilyConfig> families) {
    if (v.valueType() != ConfigValueType.OBJECT) {
      sink.add(
          label,
          "wrong type: expected a set like { family = bandits, split = test }, got "
              + typeName(v.valueType())
              + origin(v));
      return null;
    }
    Config set = ((ConfigObject) v).toConfig();
    ConfigReader r = new ConfigReader(set, label, sink);
    String family = r.string("family");
    Split split = r.split("split");
    if (family == null) {
      return null;
    }
    if (!FamiliesConfig.NAMES.contains(family)) {
      sink.add(
          label + ".family",
          "unknown family '"
              + family
              + "': expected one of "
              + String.join(", ", FamiliesConfig.NAMES)
              + Suggestions.didYouMean(family, FamiliesConfig.NAMES));
      return null;
    }
    Set<String> allowed = new LinkedHashSet<>(List.of("family", "split"));
    allowed.addAll(defaults.getConfig("family." + family).root().keySet());
    boolean ok = true;
    for (String key : ((ConfigObject) v).keySet()) {
      if (!allowed.contains(key)) {
        sink.add(
            join(label, key),
            "unknown key for a "
                + family
                + " set: allowed are "
                + String.join(", ", allowed)
                + Suggestions.didYouMean(key, allowed));
        ok = false;
      }
    }
    if (split == null || !ok || !families.containsKey(family)) {
      return null;
    }
    Config merged =
        set.withoutPath("family")
            .withoutPath("split")
            .withFallback(c.getConfig("family." + family));
    FamilyConfig f = family(family, merged, label, sink);
    if (f == null) {
      return null;
    }
    try {
      return new DemoSet(f, split);
    } catch (IllegalArgumentException e) {
      sink.add(label + ".split", e.getMessage());
      return null;
    }
  }

  /**
   * A {@code family.<name>} block (or a set's overrides merged onto it) bound to the record its
   * registration names, or null.
   */
  static FamilyConfig family(String name, Config block, String label, ProblemSink sink) {
    return RecordBinder.bind(Families.get(name).configType(), block, label, sink);
  }
}
