package org.rl3spark.jobs.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.rl3spark.core.task.Split;
import org.rl3spark.envs.Families;
import org.rl3spark.envs.bandit.BanditsConfig;
import org.rl3spark.envs.family.FamilyConfig;

/**
 * Loads and validates an rl3 config.
 *
 * <p>Layers, later ones winning: the defaults ({@value #DEFAULTS} on the classpath; plus {@value
 * #TESTING_DEFAULTS} when testing is enabled), the config file, each {@code --set key=value} in
 * order (values parsed as HOCON values), and {@code --out} (which sets {@code output.dir}).
 * Substitutions are resolved over the merged layers (and the environment, as HOCON does).
 *
 * <p>Validation is a pure function of these inputs and never touches Spark: it collects every
 * problem (syntax, refused includes, unresolved substitutions, unknown keys with suggestions, wrong
 * types, out-of-range values, counts and sizes above their {@link Limits}, unsafe Spark settings,
 * bad output paths) and throws them together as one {@link ConfigProblems}.
 */
public final class ConfigLoader {

  /** Classpath resource with every key and its default. */
  public static final String DEFAULTS = "rl3-defaults.conf";

  /** Classpath resource with the test-only {@code testing} block. */
  public static final String TESTING_DEFAULTS = "rl3-testing-defaults.conf";

  /** System property that enables the {@code testing.*} namespace when {@code true}. */
  public static final String TESTING_PROPERTY = "rl3.testing";

  private static final Pattern SIMPLE_KEY = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{[^}]*\\}");

  private ConfigLoader() {}

  /** Whether this JVM accepts the {@code testing.*} namespace ({@code -Drl3.testing=true}). */
  public static boolean testingEnabled() {
    return Boolean.getBoolean(TESTING_PROPERTY);
  }

  /**
   * Loads a config file with overrides; testing hooks are accepted iff {@link #testingEnabled()}.
   *
   * @param file the HOCON config file
   * @param sets {@code key=value} overrides, applied in order
   * @param outputDir overrides {@code output.dir} if not null
   * @throws ConfigProblems listing every problem
   */
  public static LoadedConfig load(Path file, List<String> sets, String outputDir) {
    return load(file, sets, outputDir, testingEnabled());
  }

  /**
   * Loads a config file with overrides.
   *
   * @param testing whether the {@code testing.*} namespace is accepted
   * @throws ConfigProblems listing every problem
   */
  public static LoadedConfig load(Path file, List<String> sets, String outputDir, boolean testing) {
    String source = file.toString();
    List<ConfigProblem> list = new ArrayList<>();
    ProblemSink sink = new ProblemSink(list);
    if (!Files.isRegularFile(file)) {
      sink.add(ConfigProblem.FILE, "no such file: " + file.toAbsolutePath());
      throw new ConfigProblems(source, list);
    }
    Config defaults = defaults(testing);
    Config fileConfig;
    Path dir = file.toAbsolutePath().getParent();
    try {
      fileConfig =
          ConfigFactory.parseFile(
              file.toFile(),
              ConfigParseOptions.defaults()
                  .setAllowMissing(false)
                  .setIncluder(new SafeIncluder(dir, file, list)));
    } catch (ConfigException e) {
      sink.add(ConfigProblem.FILE, e.getMessage());
      throw new ConfigProblems(source, list);
    }
    Config overrides = overrides(sets == null ? List.of() : sets, outputDir, sink);
    Config resolved = resolve(overrides.withFallback(fileConfig).withFallback(defaults), sink);
    if (resolved == null) {
      throw new ConfigProblems(source, list);
    }
    checkKeys(resolved.root(), defaults.root(), "", sink, testing);
    LimitChecks.check(resolved, sink, Runtime.getRuntime().maxMemory());
    Rl3Config config = new Reader(resolved, defaults, sink, testing).read();
    if (!sink.isEmpty() || config == null) {
      if (sink.isEmpty()) {
        sink.add(ConfigProblem.FILE, "invalid config");
      }
      throw new ConfigProblems(source, list);
    }
    String json = resolved.root().render(ConfigRenderOptions.concise().setJson(true));
    return new LoadedConfig(config, json, source);
  }

  /** The defaults, with the testing block if enabled. */
  static Config defaults(boolean testing) {
    ClassLoader cl = ConfigLoader.class.getClassLoader();
    ConfigParseOptions options =
        ConfigParseOptions.defaults().setAllowMissing(false).setClassLoader(cl);
    Config d = ConfigFactory.parseResources(DEFAULTS, options);
    if (testing) {
      d = d.withFallback(ConfigFactory.parseResources(TESTING_DEFAULTS, options));
    }
    return d;
  }

  /** The {@code --set} and {@code --out} layer. */
  private static Config overrides(List<String> sets, String outputDir, ProblemSink sink) {
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

  /** Resolves substitutions; unresolved ones become problems at their paths. */
  private static Config resolve(Config merged, ProblemSink sink) {
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

  /**
   * Reports keys of {@code actual} that {@code defaults} does not have, and blocks given as values
   * or values given as blocks. {@code spark.conf} is open (checked by {@link SparkConfig}).
   */
  private static void checkKeys(
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
                  + TESTING_PROPERTY
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
          checkKeys((ConfigObject) value, (ConfigObject) def, path, sink, testing);
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

  /** Reads the validated records from a resolved config. */
  private static final class Reader {
    private final Config c;
    private final Config defaults;
    private final ProblemSink sink;
    private final boolean testing;

    Reader(Config c, Config defaults, ProblemSink sink, boolean testing) {
      this.c = c;
      this.defaults = defaults;
      this.sink = sink;
      this.testing = testing;
    }

    Rl3Config read() {
      ConfigReader top = new ConfigReader(c, "", sink);
      Long seed = top.int64("master-seed");
      if (seed != null && seed < 0) {
        sink.add("master-seed", "must be >= 0, got " + seed);
        seed = null;
      }
      OutputConfig output = output();
      SparkConfig spark = spark();
      Map<String, FamilyConfig> families = new LinkedHashMap<>();
      for (String name : FamiliesConfig.NAMES) {
        Config block = block("family." + name);
        FamilyConfig f = block == null ? null : family(name, block, "family." + name);
        if (f != null) {
          families.put(name, f);
        }
      }
      FamiliesConfig family =
          families.size() == FamiliesConfig.NAMES.size() ? new FamiliesConfig(families) : null;
      TasksConfig tasks = tasks(families);
      DemoConfig demo = demo(families);
      RolloutConfig rollout = EvalConfigReader.rollout(c, sink, families);
      EvaluateConfig evaluate = EvalConfigReader.evaluate(c, sink, families, this::demoSet);
      AnalysisConfig analysis = new AnalysisConfigReader(c, sink).read();
      TrainConfig train = TrainConfigReader.read(c, sink);
      RenderConfig render = RenderConfigReader.read(c, sink);
      TestingConfig hooks = testing ? testingBlock() : TestingConfig.NONE;
      if (seed == null
          || output == null
          || spark == null
          || family == null
          || tasks == null
          || demo == null
          || rollout == null
          || evaluate == null
          || analysis == null
          || train == null
          || render == null
          || hooks == null
          || !sink.isEmpty()) {
        return null;
      }
      try {
        return new Rl3Config(
            seed, output, spark, tasks, family, demo, rollout, evaluate, analysis, train, render,
            hooks);
      } catch (IllegalArgumentException e) {
        sink.add(ConfigProblem.FILE, e.getMessage());
        return null;
      }
    }

    private OutputConfig output() {
      if (block("output") == null) {
        return null;
      }
      String dir = new ConfigReader(c, "", sink).string("output.dir");
      if (dir == null) {
        return null;
      }
      try {
        return new OutputConfig(dir);
      } catch (IllegalArgumentException e) {
        sink.addInvalid("output", e);
        return null;
      }
    }

    private SparkConfig spark() {
      Config block = block("spark");
      if (block == null) {
        return null;
      }
      ConfigReader r = new ConfigReader(block, "spark", sink);
      String master = r.string("master");
      Integer partitions = r.int32("partitions");
      Integer noExecutorTimeout = r.int32("no-executor-timeout");
      Map<String, String> conf = new LinkedHashMap<>();
      boolean confOk = true;
      ConfigValue confValue = r.value("conf");
      if (confValue == null) {
        confOk = false;
      } else if (confValue.valueType() != ConfigValueType.OBJECT) {
        sink.add(
            "spark.conf",
            "wrong type: expected a block of Spark settings, e.g."
                + " conf { \"spark.sql.shuffle.partitions\" = 8 }"
                + origin(confValue));
        confOk = false;
      } else {
        confOk = flatten((ConfigObject) confValue, "", conf);
      }
      if (master == null || partitions == null || noExecutorTimeout == null || !confOk) {
        return null;
      }
      try {
        return new SparkConfig(master, partitions, conf, noExecutorTimeout);
      } catch (IllegalArgumentException e) {
        sink.addInvalid("spark", e);
        return null;
      }
    }

    /** Flattens nested blocks of spark.conf into dotted keys; only scalar values are allowed. */
    private boolean flatten(ConfigObject obj, String prefix, Map<String, String> out) {
      boolean ok = true;
      for (Map.Entry<String, ConfigValue> e : obj.entrySet()) {
        String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
        ConfigValue v = e.getValue();
        switch (v.valueType()) {
          case OBJECT -> ok &= flatten((ConfigObject) v, key, out);
          case STRING, NUMBER, BOOLEAN -> out.put(key, String.valueOf(v.unwrapped()));
          default -> {
            sink.add(
                "spark.conf." + quote(key),
                "wrong type: Spark settings are single values,"
                    + " got "
                    + typeName(v.valueType())
                    + origin(v));
            ok = false;
          }
        }
      }
      return ok;
    }

    private TasksConfig tasks(Map<String, FamilyConfig> families) {
      Config block = block("tasks");
      if (block == null) {
        return null;
      }
      ConfigReader r = new ConfigReader(block, "tasks", sink);
      String family = r.string("family");
      Split split = r.split("split");
      Long count = r.int64("count");
      if (family == null || split == null || count == null) {
        // Still check the fields that could be read, with placeholders for the others.
        Set<String> unread = new HashSet<>();
        if (family == null) {
          unread.add("family");
        }
        if (split == null) {
          unread.add("split");
        }
        if (count == null) {
          unread.add("count");
        }
        checkPartially(
            "tasks",
            unread,
            () ->
                new TasksConfig(
                    family == null ? FamiliesConfig.NAMES.get(0) : family,
                    split == null ? Split.TEST : split,
                    count == null ? 1 : count));
        return null;
      }
      TasksConfig t;
      try {
        t = new TasksConfig(family, split, count);
      } catch (IllegalArgumentException e) {
        sink.addInvalid("tasks", e);
        return null;
      }
      FamilyConfig f = families.get(family);
      if (f != null && !f.toFamily().supports(split)) {
        sink.add("tasks.split", DemoSet.unsupportedSplit(f.toFamily(), split));
        return null;
      }
      return t;
    }

    private DemoConfig demo(Map<String, FamilyConfig> families) {
      Config block = block("demo");
      if (block == null) {
        return null;
      }
      ConfigReader r = new ConfigReader(block, "demo", sink);
      Long count = r.int64("count");
      ConfigValue setsValue = r.value("sets");
      List<DemoSet> sets = new ArrayList<>();
      boolean setsOk = setsValue != null && setsValue.valueType() == ConfigValueType.LIST;
      if (setsOk) {
        ConfigList list = (ConfigList) setsValue;
        for (int i = 0; i < list.size(); i++) {
          DemoSet s = demoSet(list.get(i), "demo.sets[" + i + "]", families);
          if (s == null) {
            setsOk = false;
          } else {
            sets.add(s);
          }
        }
      }
      if (count == null || !setsOk) {
        if (count != null) {
          checkPartially(
              "demo",
              Set.of("sets"),
              () -> new DemoConfig(count, List.of(new DemoSet(new BanditsConfig(1), Split.TEST))));
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

    private DemoSet demoSet(ConfigValue v, String label, Map<String, FamilyConfig> families) {
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
      FamilyConfig f = family(family, merged, label);
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

    private FamilyConfig family(String name, Config block, String label) {
      return FamilyBlockReader.read(Families.get(name), block, label, sink);
    }

    /**
     * Runs a record's validation with placeholders for fields that could not be read, reporting
     * only the problems of the other fields.
     */
    private void checkPartially(String block, Set<String> unread, Runnable construct) {
      try {
        construct.run();
      } catch (InvalidFields e) {
        e.fields().stream()
            .filter(kv -> !unread.contains(kv.getKey()))
            .forEach(kv -> sink.add(ProblemSink.join(block, kv.getKey()), kv.getValue()));
      } catch (IllegalArgumentException e) {
        // a placeholder's own problem: nothing to report beyond what was already found
      }
    }

    private TestingConfig testingBlock() {
      Config block = block("testing");
      if (block == null) {
        return null;
      }
      ConfigReader r = new ConfigReader(block, "testing", sink);
      Long once = r.int64("fail-once-at-index");
      Long always = r.int64("fail-always-at-index");
      Boolean beforePublish = r.bool("fail-before-publish");
      Integer crashAt = r.int32("train-crash-after-iteration");
      Integer faultAt = r.int32("train-fault-at-iteration");
      String fault = r.string("train-fault");
      Double lr = r.number("train-learning-rate");
      if (once == null
          || always == null
          || beforePublish == null
          || crashAt == null
          || faultAt == null
          || fault == null
          || lr == null) {
        return null;
      }
      try {
        return new TestingConfig(once, always, beforePublish, crashAt, faultAt, fault, lr);
      } catch (IllegalArgumentException e) {
        sink.addInvalid("testing", e);
        return null;
      }
    }

    /** The block at {@code path}, or null if it is not a block (already reported). */
    private Config block(String path) {
      try {
        return c.getConfig(path);
      } catch (ConfigException e) {
        sink.add(path, "wrong type or missing: expected a block { ... }");
        return null;
      }
    }
  }

  private static String join(String prefix, String key) {
    return prefix.isEmpty() ? quote(key) : prefix + "." + quote(key);
  }

  private static String quote(String key) {
    return SIMPLE_KEY.matcher(key).matches() ? key : ConfigUtil.quoteString(key);
  }

  private static String typeName(ConfigValueType t) {
    return t.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The {@code ${...}} expressions in a rendered value, or the whole text if there are none. */
  private static String substitutions(String rendered) {
    java.util.regex.Matcher m = SUBSTITUTION.matcher(rendered);
    List<String> found = new ArrayList<>();
    while (m.find()) {
      found.add(m.group());
    }
    return found.isEmpty() ? rendered : String.join(", ", found);
  }

  private static String renderSafe(ConfigValue v) {
    try {
      return v.render(ConfigRenderOptions.concise());
    } catch (RuntimeException e) {
      return "<unrenderable>";
    }
  }

  private static String origin(ConfigValue v) {
    ConfigOrigin o = v.origin();
    return o == null ? "" : " (" + o.description() + ")";
  }
}
