package org.rl3spark.jobs.config;

import static org.rl3spark.jobs.config.ConfigText.origin;
import static org.rl3spark.jobs.config.ConfigText.quote;
import static org.rl3spark.jobs.config.ConfigText.typeName;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.rl3spark.envs.family.FamilyConfig;

/**
 * Reads the validated records of every block from a resolved config whose keys were checked ({@link
 * KeyCheck}, {@link LimitChecks}): each block by its reader or bound by {@link RecordBinder}, every
 * problem recorded, null when any block is not valid.
 */
final class Rl3ConfigReader {

  private final Config c;
  private final Config defaults;
  private final ProblemSink sink;
  private final boolean testing;

  /**
   * @param c the resolved config
   * @param defaults the defaults
   * @param testing whether the {@code testing} block is read (otherwise every hook is off)
   */
  Rl3ConfigReader(Config c, Config defaults, ProblemSink sink, boolean testing) {
    this.c = c;
    this.defaults = defaults;
    this.sink = sink;
    this.testing = testing;
  }

  /** The config, or null. */
  Rl3Config read() {
    Long seed = new ConfigReader(c, "", sink).int64("master-seed");
    if (seed != null && seed < 0) {
      sink.add("master-seed", "must be >= 0, got " + seed);
      seed = null;
    }
    OutputConfig output = bind(OutputConfig.class, "output");
    SparkConfig spark = spark();
    Map<String, FamilyConfig> families = new LinkedHashMap<>();
    for (String name : FamiliesConfig.NAMES) {
      Config block = new ConfigReader(c, "", sink).block("family." + name);
      FamilyConfig f =
          block == null ? null : DemoBlockReader.family(name, block, "family." + name, sink);
      if (f != null) {
        families.put(name, f);
      }
    }
    FamiliesConfig family =
        families.size() == FamiliesConfig.NAMES.size() ? new FamiliesConfig(families) : null;
    TasksConfig tasks = tasks(families);
    DemoBlockReader demos = new DemoBlockReader(c, defaults, sink);
    DemoConfig demo = demos.demo(families);
    RolloutConfig rollout = EvalConfigReader.rollout(c, sink, families);
    EvaluateConfig evaluate = EvalConfigReader.evaluate(c, sink, families, demos::set);
    AnalysisConfig analysis = new AnalysisConfigReader(c, sink).read();
    TrainConfig train = TrainConfigReader.read(c, sink, families);
    RenderConfig render = RenderConfigReader.read(c, sink);
    TestingConfig hooks = testing ? bind(TestingConfig.class, "testing") : TestingConfig.NONE;
    boolean complete =
        Stream.of(
                seed, output, spark, family, tasks, demo, rollout, evaluate, analysis, train,
                render, hooks)
            .allMatch(Objects::nonNull);
    if (!complete || !sink.isEmpty()) {
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

  private <R extends Record> R bind(Class<R> type, String path) {
    Config block = new ConfigReader(c, "", sink).block(path);
    return block == null ? null : RecordBinder.bind(type, block, path, sink);
  }

  private TasksConfig tasks(Map<String, FamilyConfig> families) {
    TasksConfig t = bind(TasksConfig.class, "tasks");
    FamilyConfig f = t == null ? null : families.get(t.family());
    if (f != null && !f.toFamily().supports(t.split())) {
      sink.add("tasks.split", DemoSet.unsupportedSplit(f.toFamily(), t.split()));
      return null;
    }
    return t;
  }

  private SparkConfig spark() {
    ConfigReader r = new ConfigReader(c, "", sink).reader("spark");
    if (r == null) {
      return null;
    }
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
              "wrong type: Spark settings are single values, got "
                  + typeName(v.valueType())
                  + origin(v));
          ok = false;
        }
      }
    }
    return ok;
  }
}
