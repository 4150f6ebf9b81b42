package org.rl3spark.jobs.config;

import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.Locale;
import java.util.regex.Pattern;

/** How problem messages name keys, types, values and where a value came from. */
final class ConfigText {

  private static final Pattern SIMPLE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

  private ConfigText() {}

  /** {@code prefix.key}, the key quoted when it is not a simple one ({@code spark.conf."a.b"}). */
  static String join(String prefix, String key) {
    return prefix.isEmpty() ? quote(key) : prefix + "." + quote(key);
  }

  /** A key as HOCON writes it: quoted unless it is letters, digits, {@code _} and {@code -}. */
  static String quote(String key) {
    return SIMPLE_KEY.matcher(key).matches() ? key : ConfigUtil.quoteString(key);
  }

  /** {@code number}, {@code object}, ... */
  static String typeName(ConfigValueType t) {
    return t.name().toLowerCase(Locale.ROOT);
  }

  /** The value as HOCON text, or a placeholder when it cannot be rendered (unresolved). */
  static String renderSafe(ConfigValue v) {
    try {
      return v.render(ConfigRenderOptions.concise());
    } catch (RuntimeException e) {
      return "<unrenderable>";
    }
  }

  /** " (file: line)" for a value with an origin, else "". */
  static String origin(ConfigValue v) {
    ConfigOrigin o = v.origin();
    return o == null ? "" : " (" + o.description() + ")";
  }
}
