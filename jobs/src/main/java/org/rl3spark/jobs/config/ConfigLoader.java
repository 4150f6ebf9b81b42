package org.rl3spark.jobs.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads and validates an rl3 config.
 *
 * <p>Layers, later ones winning: the defaults ({@value #DEFAULTS} on the classpath; plus {@value
 * #TESTING_DEFAULTS} when testing is enabled), the config file, each {@code --set key=value} in
 * order (values parsed as HOCON values), and {@code --out} (which sets {@code output.dir}).
 * Substitutions are resolved over the merged layers (and the environment, as HOCON does).
 *
 * <p>Validation is a pure function of these inputs and never touches Spark: it collects every
 * problem (syntax, refused includes ({@link SafeIncluder}), unresolved substitutions ({@link
 * ConfigLayers}), unknown keys with suggestions and wrong types ({@link KeyCheck}), counts and
 * sizes above their {@link Limits} ({@link LimitChecks}), what the records refuse ({@link
 * Rl3ConfigReader}, {@link RecordBinder}), unsafe Spark settings, bad output paths) and throws them
 * together as one {@link ConfigProblems}.
 */
public final class ConfigLoader {

  /** Classpath resource with every key and its default. */
  public static final String DEFAULTS = "rl3-defaults.conf";

  /** Classpath resource with the test-only {@code testing} block. */
  public static final String TESTING_DEFAULTS = "rl3-testing-defaults.conf";

  /** System property that enables the {@code testing.*} namespace when {@code true}. */
  public static final String TESTING_PROPERTY = "rl3.testing";

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
    if (!Files.isRegularFile(file)) {
      list.add(new ConfigProblem(ConfigProblem.FILE, "no such file: " + file.toAbsolutePath()));
      throw new ConfigProblems(source, list);
    }
    Config fileConfig;
    try {
      fileConfig =
          ConfigFactory.parseFile(
              file.toFile(),
              ConfigParseOptions.defaults()
                  .setAllowMissing(false)
                  .setIncluder(new SafeIncluder(file.toAbsolutePath().getParent(), file, list)));
    } catch (ConfigException e) {
      new ProblemSink(list).add(ConfigProblem.FILE, e.getMessage());
      throw new ConfigProblems(source, list);
    }
    return load(source, fileConfig, sets == null ? List.of() : sets, outputDir, testing, list);
  }

  /** The defaults alone, validated: what every key is when a config does not set it. */
  public static Rl3Config defaultConfig() {
    return load(DEFAULTS, ConfigFactory.empty(), List.of(), null, false, new ArrayList<>())
        .config();
  }

  /**
   * A {@code --set} value as a HOCON value ({@code 50} is a number, {@code [1,2]} a list, {@code
   * {a=1}} an object); text that is not a single HOCON value is taken as a string. Includes are
   * refused.
   */
  static ConfigValue parseValue(String text, String origin) {
    return ConfigLayers.parseValue(text, origin);
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

  private static LoadedConfig load(
      String source,
      Config fileConfig,
      List<String> sets,
      String outputDir,
      boolean testing,
      List<ConfigProblem> list) {
    ProblemSink sink = new ProblemSink(list);
    Config defaults = defaults(testing);
    Config overrides = ConfigLayers.overrides(sets, outputDir, sink);
    Config resolved =
        ConfigLayers.resolve(overrides.withFallback(fileConfig).withFallback(defaults), sink);
    if (resolved == null) {
      throw new ConfigProblems(source, list);
    }
    KeyCheck.check(resolved.root(), defaults.root(), "", sink, testing);
    LimitChecks.check(resolved, sink, Runtime.getRuntime().maxMemory());
    Rl3Config config = new Rl3ConfigReader(resolved, defaults, sink, testing).read();
    if (!sink.isEmpty() || config == null) {
      if (sink.isEmpty()) {
        sink.add(ConfigProblem.FILE, "invalid config");
      }
      throw new ConfigProblems(source, list);
    }
    String json = resolved.root().render(ConfigRenderOptions.concise().setJson(true));
    return new LoadedConfig(config, json, source);
  }
}
