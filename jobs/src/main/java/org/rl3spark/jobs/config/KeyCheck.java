package org.rl3spark.jobs.config;

import static org.rl3spark.jobs.config.ConfigText.join;
import static org.rl3spark.jobs.config.ConfigText.origin;
import static org.rl3spark.jobs.config.ConfigText.renderSafe;
import static org.rl3spark.jobs.config.ConfigText.typeName;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.Map;

/**
 * Checks a resolved config's keys against the defaults: a key the defaults do not have is unknown
 * (with a suggestion of the closest known one), a block given as a value or a value as a block is
 * of the wrong type. {@code spark.conf} is open (checked by {@link SparkConfig}); the {@code
 * testing} namespace exists only when testing is enabled.
 */
final class KeyCheck {

  private KeyCheck() {}

  /** Reports every unknown or mistyped key of {@code actual} below {@code prefix}. */
  static void check(
      ConfigObject actual,
      ConfigObject defaults,
      String prefix,
      ProblemSink sink,
      boolean testing) {
    for (Map.Entry<String, ConfigValue> e : actual.entrySet()) {
      String key = e.getKey();
      String path = join(prefix, key);
      ConfigValue value = e.getValue();
      ConfigValue def = defaults.get(key);
      if (def == null) {
        if (prefix.isEmpty() && key.equals("testing") && !testing) {
          sink.add(
              path,
              "unknown key: the testing.* namespace (fault hooks) is only accepted when"
                  + " the JVM runs with -D"
                  + ConfigLoader.TESTING_PROPERTY
                  + "=true");
        } else {
          sink.add(
              path, "unknown key" + origin(value) + Suggestions.didYouMean(key, defaults.keySet()));
        }
        continue;
      }
      if (path.equals("spark.conf")) {
        continue;
      }
      ConfigValueType actualType;
      try {
        actualType = value.valueType();
      } catch (ConfigException.NotResolved ex) {
        continue;
      }
      ConfigValueType defType = def.valueType();
      if (defType == ConfigValueType.OBJECT) {
        if (actualType == ConfigValueType.OBJECT) {
          check((ConfigObject) value, (ConfigObject) def, path, sink, testing);
        } else if (actualType != ConfigValueType.NULL) {
          sink.add(
              path,
              "wrong type: expected a block { ... }, got "
                  + typeName(actualType)
                  + " "
                  + renderSafe(value)
                  + origin(value));
        }
      } else if (defType == ConfigValueType.LIST) {
        if (actualType != ConfigValueType.LIST && actualType != ConfigValueType.NULL) {
          sink.add(
              path,
              "wrong type: expected a list [ ... ], got " + typeName(actualType) + origin(value));
        }
      } else if (actualType == ConfigValueType.OBJECT || actualType == ConfigValueType.LIST) {
        sink.add(
            path,
            "wrong type: expected a single value like "
                + renderSafe(def)
                + ", got "
                + typeName(actualType)
                + origin(value));
      }
    }
  }
}
