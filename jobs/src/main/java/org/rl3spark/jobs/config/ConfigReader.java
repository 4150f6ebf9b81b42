package org.rl3spark.jobs.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import org.rl3spark.core.task.Split;

/**
 * Typed reads of one block of a resolved config. A read that fails records a problem at the key's
 * full path and returns null, so that validation goes on and reports every problem at once.
 */
final class ConfigReader {

  private final Config config;
  private final String label;
  private final ProblemSink sink;

  /**
   * @param config the block
   * @param label the block's path in problem messages (e.g. {@code tasks}, {@code demo.sets[3]})
   * @param sink where problems go
   */
  ConfigReader(Config config, String label, ProblemSink sink) {
    this.config = config;
    this.label = label;
    this.sink = sink;
  }

  /** The full path of {@code key} in problem messages. */
  String path(String key) {
    return ProblemSink.join(label, key);
  }

  /** An integer in [min, max] (numbers must be whole; numeric strings are accepted). */
  Long integer(String key, long min, long max) {
    ConfigValue v = value(key);
    if (v == null) {
      return null;
    }
    Long n = null;
    if (v.valueType() == ConfigValueType.NUMBER) {
      Number x = (Number) v.unwrapped();
      if (x instanceof Integer || x instanceof Long) {
        n = x.longValue();
      } else if (Double.isFinite(x.doubleValue())
          && x.doubleValue() == Math.rint(x.doubleValue())
          && Math.abs(x.doubleValue()) < 0x1p62) {
        n = (long) x.doubleValue();
      }
    } else if (v.valueType() == ConfigValueType.STRING) {
      try {
        n = Long.parseLong(((String) v.unwrapped()).trim());
      } catch (NumberFormatException e) {
        n = null;
      }
    }
    if (n == null) {
      wrongType(key, "an integer", v);
      return null;
    }
    if (n < min || n > max) {
      sink.add(path(key), "must be in [" + min + ", " + max + "], got " + n);
      return null;
    }
    return n;
  }

  /** A 32-bit integer. */
  Integer int32(String key) {
    Long n = integer(key, Integer.MIN_VALUE, Integer.MAX_VALUE);
    return n == null ? null : n.intValue();
  }

  /** A 64-bit integer. */
  Long int64(String key) {
    return integer(key, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /** A number (numeric strings are accepted). */
  Double number(String key) {
    ConfigValue v = value(key);
    if (v == null) {
      return null;
    }
    if (v.valueType() == ConfigValueType.NUMBER) {
      return ((Number) v.unwrapped()).doubleValue();
    }
    if (v.valueType() == ConfigValueType.STRING) {
      try {
        return Double.parseDouble(((String) v.unwrapped()).trim());
      } catch (NumberFormatException e) {
        // falls through to the type problem
      }
    }
    wrongType(key, "a number", v);
    return null;
  }

  /** A string (numbers and booleans are accepted as their text, as HOCON does). */
  String string(String key) {
    ConfigValue v = value(key);
    if (v == null) {
      return null;
    }
    return switch (v.valueType()) {
      case STRING, NUMBER, BOOLEAN -> String.valueOf(v.unwrapped());
      default -> {
        wrongType(key, "a string", v);
        yield null;
      }
    };
  }

  /** A boolean ({@code true}/{@code false}, and the strings HOCON accepts for them). */
  Boolean bool(String key) {
    ConfigValue v = value(key);
    if (v == null) {
      return null;
    }
    try {
      return config.getBoolean(key);
    } catch (ConfigException.WrongType | ConfigException.BadValue e) {
      wrongType(key, "a boolean (true or false)", v);
      return null;
    }
  }

  /** A split name: train, test or ood. */
  Split split(String key) {
    String s = string(key);
    if (s == null) {
      return null;
    }
    try {
      return Split.parse(s);
    } catch (IllegalArgumentException e) {
      sink.add(path(key), e.getMessage());
      return null;
    }
  }

  /** A nested block. */
  Config block(String key) {
    ConfigValue v = value(key);
    if (v == null) {
      return null;
    }
    if (v.valueType() != ConfigValueType.OBJECT) {
      wrongType(key, "a block { ... }", v);
      return null;
    }
    return ((ConfigObject) v).toConfig();
  }

  /**
   * A reader of the block at {@code key} (labelled with its full path), or null as {@link #block}.
   */
  ConfigReader reader(String key) {
    Config b = block(key);
    return b == null ? null : new ConfigReader(b, path(key), sink);
  }

  /**
   * The raw value, or null (with a problem) if missing, null or unresolved. A key that already has
   * a problem (e.g. it is above its bound, see {@link LimitChecks}) is not read again: null.
   */
  ConfigValue value(String key) {
    if (sink.isReported(path(key))) {
      return null;
    }
    try {
      if (!config.hasPathOrNull(key)) {
        sink.add(path(key), "missing: this key is required");
        return null;
      }
      if (config.getIsNull(key)) {
        sink.add(path(key), "is null: give it a value");
        return null;
      }
      return config.getValue(key);
    } catch (ConfigException.NotResolved e) {
      sink.add(path(key), "has an unresolved substitution");
      return null;
    } catch (ConfigException.WrongType e) {
      // An ancestor of key is not an object.
      sink.add(path(key), "wrong type: " + e.getMessage());
      return null;
    }
  }

  private void wrongType(String key, String expected, ConfigValue v) {
    sink.add(
        path(key),
        "wrong type: expected "
            + expected
            + ", got "
            + v.valueType().name().toLowerCase(java.util.Locale.ROOT)
            + " "
            + v.render(ConfigRenderOptions.concise())
            + " ("
            + v.origin().description()
            + ")");
  }
}
