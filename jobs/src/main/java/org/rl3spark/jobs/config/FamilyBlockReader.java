package org.rl3spark.jobs.config;

import com.typesafe.config.Config;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Locale;
import org.rl3spark.envs.family.FamilyConfig;
import org.rl3spark.envs.family.FamilySupport;

/**
 * Reads a {@code family.<name>} block (or a set's overrides merged onto it) into the record its
 * registration names ({@link FamilySupport#configType()}): each component from the key of its name
 * in kebab-case, in component order, then the record's constructor validates.
 */
final class FamilyBlockReader {

  private FamilyBlockReader() {}

  /**
   * The family's settings, or null after reporting why not to {@code sink}.
   *
   * @param label the block's path in messages, e.g. {@code family.mdps} or {@code demo.sets[0]}
   */
  static FamilyConfig read(FamilySupport<?> family, Config block, String label, ProblemSink sink) {
    ConfigReader r = new ConfigReader(block, label, sink);
    RecordComponent[] components = family.configType().getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] values = new Object[components.length];
    boolean complete = true;
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      values[i] = value(r, key(components[i].getName()), types[i]);
      complete &= values[i] != null;
    }
    if (!complete) {
      return null;
    }
    try {
      return family.configType().getDeclaredConstructor(types).newInstance(values);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof IllegalArgumentException invalid) {
        sink.addInvalid(label, invalid);
        return null;
      }
      throw new IllegalStateException("settings of family " + family.name(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("settings record of family " + family.name(), e);
    }
  }

  /** The config key of a record component: {@code minReturn} is {@code min-return}. */
  static String key(String component) {
    return component.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
  }

  private static Object value(ConfigReader r, String key, Class<?> type) {
    if (type == int.class) {
      return r.int32(key);
    } else if (type == long.class) {
      return r.int64(key);
    } else if (type == double.class) {
      return r.number(key);
    } else if (type == boolean.class) {
      return r.bool(key);
    } else if (type == String.class) {
      return r.string(key);
    }
    throw new IllegalStateException("family settings cannot hold a " + type + " (" + key + ")");
  }
}
