package org.rl3spark.jobs.config;

import com.typesafe.config.Config;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.rl3spark.core.config.InvalidSettings;

/**
 * Binds a HOCON block to a record by component name, so that a setting is declared once: as a
 * component of its record (with its range checked in the record's constructor), with its default in
 * {@code rl3-defaults.conf}.
 *
 * <p>Component {@code klTarget} reads key {@code kl-target}. Types: {@code int}, {@code long},
 * {@code double}, {@code boolean}, {@code String}, a type with a static {@code parse(String)}
 * ({@code Split}), an enum (its constant's name, case and {@code -} vs {@code _} ignored) and a
 * record, read from the nested block of its key or, when {@link Inline}, from the same block.
 * Components marked {@link Resolved} are left null for the block's reader.
 *
 * <p>Every problem goes to the sink at its full key path: values of the wrong type, and what the
 * record's constructor refuses (an {@link InvalidSettings} key by key, any other {@link
 * IllegalArgumentException} at the block). When some components cannot be read, the constructor
 * still runs with placeholders for them and its problems with the others are reported, so one pass
 * reports everything.
 */
final class RecordBinder {

  private RecordBinder() {}

  /** The record read from {@code block}, or null after reporting why not to {@code sink}. */
  static <R> R bind(Class<R> type, Config block, String label, ProblemSink sink) {
    return read(type, block, label, sink, null);
  }

  /**
   * {@code base} with the settings {@code block} gives: a key that is absent or null keeps base's
   * value. Null after reporting why not.
   */
  @SuppressWarnings("unchecked")
  static <R extends Record> R overlay(R base, Config block, String label, ProblemSink sink) {
    return read((Class<R>) base.getClass(), block, label, sink, base);
  }

  /** A copy of {@code record} with component {@code name} replaced by {@code value}. */
  @SuppressWarnings("unchecked")
  static <R extends Record> R with(R record, String name, Object value) {
    RecordComponent[] cs = record.getClass().getRecordComponents();
    Object[] values = new Object[cs.length];
    boolean found = false;
    for (int i = 0; i < cs.length; i++) {
      found |= cs[i].getName().equals(name);
      values[i] = cs[i].getName().equals(name) ? value : get(cs[i], record);
    }
    if (!found) {
      throw new IllegalArgumentException(record.getClass().getSimpleName() + " has no " + name);
    }
    try {
      return (R) constructor(record.getClass()).newInstance(values);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The config key of a record component: {@code minReturn} is {@code min-return}. */
  static String key(String component) {
    return component.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
  }

  /** The value of component {@code c} of {@code record}. */
  static Object get(RecordComponent c, Record record) {
    try {
      Method accessor = c.getAccessor();
      accessor.setAccessible(true);
      return accessor.invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static <R> R read(Class<R> type, Config block, String label, ProblemSink sink, R base) {
    ConfigReader r = new ConfigReader(block, label, sink);
    RecordComponent[] cs = type.getRecordComponents();
    Object[] values = new Object[cs.length];
    Set<String> unread = new HashSet<>();
    for (int i = 0; i < cs.length; i++) {
      RecordComponent c = cs[i];
      String key = key(c.getName());
      if (c.isAnnotationPresent(Resolved.class)) {
        continue;
      }
      if (base != null && !block.hasPath(key)) {
        values[i] = get(c, (Record) base);
        continue;
      }
      values[i] =
          c.isAnnotationPresent(Inline.class)
              ? read(c.getType(), block, label, sink, null)
              : value(r, key, c.getType(), sink);
      if (values[i] == null) {
        unread.add(key);
      }
    }
    if (!unread.isEmpty()) {
      checkPartially(type, values, unread, label, sink);
      return null;
    }
    try {
      return type.cast(constructor(type).newInstance(values));
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof IllegalArgumentException invalid) {
        sink.addInvalid(label, invalid);
        return null;
      }
      throw new IllegalStateException("settings " + label + " (" + type.getSimpleName() + ")", e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("settings record " + type.getName(), e);
    }
  }

  private static Object value(ConfigReader r, String key, Class<?> type, ProblemSink sink) {
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
    } else if (type.isRecord()) {
      Config nested = r.block(key);
      return nested == null ? null : read(type, nested, r.path(key), sink, null);
    }
    String text = r.string(key);
    if (text == null) {
      return null;
    }
    try {
      return parse(type, text);
    } catch (IllegalArgumentException e) {
      sink.add(r.path(key), e.getMessage());
      return null;
    }
  }

  /** A value of a type with a static {@code parse(String)}, or an enum constant. */
  private static Object parse(Class<?> type, String text) {
    try {
      Method parse = type.getMethod("parse", String.class);
      if (Modifier.isStatic(parse.getModifiers()) && parse.getReturnType() == type) {
        return parse.invoke(null, text);
      }
    } catch (NoSuchMethodException e) {
      // an enum without its own parser: by constant name below
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof IllegalArgumentException invalid
          ? invalid
          : new IllegalStateException(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
    if (!type.isEnum()) {
      throw new IllegalStateException("a setting cannot be a " + type.getName());
    }
    String name = text.trim().replace('-', '_').toUpperCase(Locale.ROOT);
    List<String> names =
        Arrays.stream(type.getEnumConstants())
            .map(e -> ((Enum<?>) e).name().toLowerCase(Locale.ROOT))
            .toList();
    for (Object e : type.getEnumConstants()) {
      if (((Enum<?>) e).name().equals(name)) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        "must be one of "
            + String.join(", ", names)
            + ", got '"
            + text
            + "'"
            + Suggestions.didYouMean(name.toLowerCase(Locale.ROOT), names));
  }

  /**
   * Runs the constructor with placeholders (0, false, "" or null) for the components that could not
   * be read and reports its problems with the others.
   */
  private static void checkPartially(
      Class<?> type, Object[] read, Set<String> unread, String label, ProblemSink sink) {
    RecordComponent[] cs = type.getRecordComponents();
    Object[] values = read.clone();
    for (int i = 0; i < cs.length; i++) {
      if (values[i] == null) {
        values[i] = placeholder(cs[i].getType());
      }
    }
    try {
      constructor(type).newInstance(values);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof InvalidSettings invalid) {
        invalid.fields().stream()
            .filter(kv -> !unread.contains(kv.getKey().split("\\.")[0]))
            .forEach(kv -> sink.add(ProblemSink.join(label, kv.getKey()), kv.getValue()));
      }
      // any other problem may be a placeholder's: nothing beyond what was already found
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("settings record " + type.getName(), e);
    }
  }

  private static Object placeholder(Class<?> type) {
    if (type == int.class) {
      return 0;
    } else if (type == long.class) {
      return 0L;
    } else if (type == double.class) {
      return 0.0;
    } else if (type == boolean.class) {
      return false;
    }
    return type == String.class ? "" : null;
  }

  private static Constructor<?> constructor(Class<?> type) throws NoSuchMethodException {
    Class<?>[] types =
        Arrays.stream(type.getRecordComponents())
            .map(RecordComponent::getType)
            .toArray(Class<?>[]::new);
    Constructor<?> c = type.getDeclaredConstructor(types);
    c.setAccessible(true);
    return c;
  }
}
