package org.rl3spark.jobs.config;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings Spark knows, for telling a typo in {@code spark.conf} from a real setting: Spark
 * ignores a setting it does not know, silently.
 *
 * <p>The names come from Spark's own registry of config entries (with their alternative names),
 * filled when its core, SQL and static SQL config objects load; they are read by reflection, so
 * that a Spark without the registry (another version) only turns the check off. A {@code spark.*}
 * key is a typo when it is not a known name, is not under a prefix Spark reads openly (such as
 * {@code spark.hadoop.}), and is at most {@value #MAX_EDITS} edits from a known name.
 */
final class SparkSettings {

  /** Edits between an unknown key and a known one that make it a typo. */
  static final int MAX_EDITS = 2;

  /** Prefixes under which Spark (or its cluster managers) read any key. */
  private static final List<String> OPEN_PREFIXES =
      List.of(
          "spark.hadoop.",
          "spark.executorEnv.",
          "spark.sql.catalog.",
          "spark.driver.resource.",
          "spark.executor.resource.",
          "spark.task.resource.",
          "spark.yarn.",
          "spark.kubernetes.",
          "spark.mesos.",
          "spark.metrics.",
          "spark.history.",
          "spark.plugins.",
          "spark.sql.extensions.");

  private static final List<String> CONFIG_OBJECTS =
      List.of(
          "org.apache.spark.internal.config.package$",
          "org.apache.spark.sql.internal.SQLConf$",
          "org.apache.spark.sql.internal.StaticSQLConf$");

  private SparkSettings() {}

  /** The known names, or empty if Spark's registry could not be read. */
  static Set<String> known() {
    return Registry.NAMES;
  }

  /** The known name {@code key} is a typo of, or empty (known, open, or not close to any). */
  static Optional<String> typoOf(String key) {
    Set<String> known = known();
    if (known.isEmpty()
        || known.contains(key)
        || OPEN_PREFIXES.stream().anyMatch(key::startsWith)) {
      return Optional.empty();
    }
    String best = null;
    int bestDistance = MAX_EDITS + 1;
    for (String k : known) {
      if (Math.abs(k.length() - key.length()) <= MAX_EDITS) {
        int d = Suggestions.distance(key, k);
        if (d < bestDistance) {
          best = k;
          bestDistance = d;
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /** " (did you mean 'x'?)" for a key that does not start with {@code spark.}, or "". */
  static String didYouMean(String key) {
    return Suggestions.didYouMean(key, known());
  }

  /** Spark's registry, read once. */
  private static final class Registry {
    static final Set<String> NAMES = read();

    private static Set<String> read() {
      Set<String> names = new TreeSet<>();
      try {
        ClassLoader loader = SparkSettings.class.getClassLoader();
        for (String name : CONFIG_OBJECTS) {
          Class.forName(name, true, loader);
        }
        Class<?> companion = Class.forName("org.apache.spark.internal.config.ConfigEntry$");
        Object module = companion.getField("MODULE$").get(null);
        Map<?, ?> entries = (Map<?, ?>) companion.getMethod("knownConfigs").invoke(module);
        for (Map.Entry<?, ?> e : entries.entrySet()) {
          names.add((String) e.getKey());
          names.addAll(alternatives(e.getValue()));
        }
      } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
        return Set.of();
      }
      return Set.copyOf(names);
    }

    /** An entry's alternative (older) names: a Scala list, walked by reflection. */
    private static Collection<String> alternatives(Object entry)
        throws ReflectiveOperationException {
      Object list =
          Class.forName("org.apache.spark.internal.config.ConfigEntry")
              .getMethod("alternatives")
              .invoke(entry);
      Object it = Class.forName("scala.collection.Iterable").getMethod("iterator").invoke(list);
      Class<?> iterator = Class.forName("scala.collection.Iterator");
      var hasNext = iterator.getMethod("hasNext");
      var next = iterator.getMethod("next");
      List<String> out = new java.util.ArrayList<>();
      while ((Boolean) hasNext.invoke(it)) {
        out.add(String.valueOf(next.invoke(it)));
      }
      return out;
    }
  }
}
