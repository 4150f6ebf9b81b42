package org.rl3spark.jobs.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rl3spark.core.task.Split;

/**
 * Reads the {@code render} block. Like the rest of the loader it records every problem and returns
 * null for a block that is not valid; fields that could be read are checked even when others could
 * not.
 */
final class RenderConfigReader {

  private RenderConfigReader() {}

  /** The {@code render} block, or null. */
  static RenderConfig read(Config c, ProblemSink sink) {
    Config block;
    try {
      block = c.getConfig("render");
    } catch (ConfigException e) {
      sink.add("render", "wrong type or missing: expected a block { ... }");
      return null;
    }
    ConfigReader r = new ConfigReader(block, "render", sink);
    String name = r.string("name");
    String variant = r.string("variant");
    Split split = r.split("split");
    Long taskIndex = r.int64("task-index");
    Integer budget = r.int32("budget");
    String policy = r.string("policy");
    List<Integer> steps = steps(r, sink);
    Integer tileSize = r.int32("tile-size");
    InvalidFields.Checker check = new InvalidFields.Checker();
    RenderConfig.check(check, name, variant, taskIndex, budget, policy, steps, tileSize);
    try {
      check.throwIfAny();
    } catch (InvalidFields e) {
      sink.addInvalid("render", e);
      return null;
    }
    if (name == null
        || variant == null
        || split == null
        || taskIndex == null
        || budget == null
        || policy == null
        || steps == null
        || tileSize == null) {
      return null;
    }
    return new RenderConfig(name, variant, split, taskIndex, budget, policy, steps, tileSize);
  }

  private static List<Integer> steps(ConfigReader r, ProblemSink sink) {
    ConfigValue v = r.value("steps");
    if (v == null) {
      return null;
    }
    if (v.valueType() != ConfigValueType.LIST) {
      sink.add(
          r.path("steps"),
          "wrong type: expected a list of steps like [0, 100], got "
              + v.valueType().name().toLowerCase(Locale.ROOT));
      return null;
    }
    ConfigList list = (ConfigList) v;
    List<Integer> out = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < list.size(); i++) {
      ConfigValue e = list.get(i);
      Object x = e.unwrapped();
      if (e.valueType() == ConfigValueType.NUMBER
          && (x instanceof Integer || (x instanceof Long l && l == l.intValue()))) {
        out.add(((Number) x).intValue());
      } else {
        sink.add(
            r.path("steps") + "[" + i + "]",
            "wrong type: expected an integer, got " + e.render(ConfigRenderOptions.concise()));
        ok = false;
      }
    }
    return ok ? out : null;
  }
}
