package org.rl3spark.jobs.config;

import static org.rl3spark.jobs.config.ConfigText.join;
import static org.rl3spark.jobs.config.ConfigText.origin;
import static org.rl3spark.jobs.config.ConfigText.renderSafe;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line's layer of a config ({@code --set key=value}, {@code --out}) and the resolution
 * of substitutions over the merged layers, with every problem reported at its key.
 */
final class ConfigLayers {

  private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{[^}]*\\}");

  private ConfigLayers() {}

  /** The {@code --set} and {@code --out} layer. */
  static Config overrides(List<String> sets, String outputDir, ProblemSink sink) {
    Config c = ConfigFactory.empty();
    for (String set : sets) {
      int eq = set.indexOf('=');
      String key = eq < 0 ? set.trim() : set.substring(0, eq).trim();
      String label = "--set " + set;
      if (eq <= 0 || key.isEmpty()) {
        sink.add(label, "expected key=value, e.g. --set tasks.count=50");
        continue;
      }
      try {
        ConfigUtil.splitPath(key);
      } catch (ConfigException e) {
        sink.add(label, "'" + key + "' is not a valid key path: " + e.getMessage());
        continue;
      }
      c = c.withValue(key, parseValue(set.substring(eq + 1), label));
    }
    if (outputDir != null) {
      c = c.withValue("output.dir", ConfigValueFactory.fromAnyRef(outputDir, "--out"));
    }
    return c;
  }

  /**
   * A {@code --set} value as a HOCON value ({@code 50} is a number, {@code [1,2]} a list, {@code
   * {a=1}} an object); text that is not a single HOCON value is taken as a string. Includes are
   * refused.
   */
  static ConfigValue parseValue(String text, String origin) {
    if (hasCommentOutsideQuotes(text)) {
      // "//" and "#" start HOCON comments: paths and URLs such as hdfs://nn/x stay whole.
      return ConfigValueFactory.fromAnyRef(text, origin);
    }
    List<ConfigProblem> refused = new ArrayList<>();
    try {
      Config parsed =
          ConfigFactory.parseString(
              "v = " + text,
              ConfigParseOptions.defaults()
                  .setOriginDescription(origin)
                  .setIncluder(new SafeIncluder(null, refused)));
      if (refused.isEmpty() && parsed.root().size() == 1 && parsed.root().containsKey("v")) {
        return parsed.root().get("v");
      }
    } catch (ConfigException e) {
      // not a HOCON value: a plain string
    }
    return ConfigValueFactory.fromAnyRef(text, origin);
  }

  /** Whether {@code text} contains {@code //} or {@code #} outside double-quoted strings. */
  static boolean hasCommentOutsideQuotes(String text) {
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (quoted) {
        if (ch == '\\') {
          i++;
        } else if (ch == '"') {
          quoted = false;
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == '#' || (ch == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/')) {
        return true;
      }
    }
    return false;
  }

  /**
   * Resolves substitutions; unresolved ones become problems at their paths (the partly resolved
   * config is returned so that the rest is still checked). Null when nothing could be resolved.
   */
  static Config resolve(Config merged, ProblemSink sink) {
    try {
      return merged.resolve();
    } catch (ConfigException.UnresolvedSubstitution e) {
      Config partial;
      try {
        partial = merged.resolve(ConfigResolveOptions.defaults().setAllowUnresolved(true));
      } catch (ConfigException e2) {
        sink.add(ConfigProblem.FILE, e.getMessage());
        return null;
      }
      int before = sink.size();
      findUnresolved(partial.root(), "", sink);
      if (sink.size() == before) {
        sink.add(ConfigProblem.FILE, e.getMessage());
      }
      return partial;
    } catch (ConfigException e) {
      sink.add(ConfigProblem.FILE, e.getMessage());
      return null;
    }
  }

  private static void findUnresolved(ConfigValue v, String path, ProblemSink sink) {
    ConfigValueType type;
    try {
      type = v.valueType();
    } catch (ConfigException.NotResolved e) {
      sink.add(
          path,
          "unresolved substitution "
              + substitutions(renderSafe(v))
              + ": define the referenced key in the config (or the environment variable)"
              + origin(v));
      return;
    }
    try {
      if (type == ConfigValueType.OBJECT) {
        for (Map.Entry<String, ConfigValue> e : ((ConfigObject) v).entrySet()) {
          findUnresolved(e.getValue(), join(path, e.getKey()), sink);
        }
      } else if (type == ConfigValueType.LIST) {
        ConfigList l = (ConfigList) v;
        for (int i = 0; i < l.size(); i++) {
          findUnresolved(l.get(i), path + "[" + i + "]", sink);
        }
      }
    } catch (ConfigException.NotResolved e) {
      sink.add(path, "unresolved substitution" + origin(v) + ": " + e.getMessage());
    }
  }

  /** The {@code ${...}} expressions in a rendered value, or the whole text if there are none. */
  private static String substitutions(String rendered) {
    Matcher m = SUBSTITUTION.matcher(rendered);
    List<String> found = new ArrayList<>();
    while (m.find()) {
      found.add(m.group());
    }
    return found.isEmpty() ? rendered : String.join(", ", found);
  }
}
