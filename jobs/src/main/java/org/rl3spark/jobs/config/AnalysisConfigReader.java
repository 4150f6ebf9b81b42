package org.rl3spark.jobs.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** Reads the {@code analysis} block (kept apart from {@link ConfigLoader} for readability). */
final class AnalysisConfigReader {

  private static final String ROOT = "analysis";

  private final Config c;
  private final ProblemSink sink;

  AnalysisConfigReader(Config c, ProblemSink sink) {
    this.c = c;
    this.sink = sink;
  }

  /** The block, or null with problems recorded. */
  AnalysisConfig read() {
    QuniqueConfig qunique = qunique();
    EstimatesConfig estimates = estimates();
    QdupConfig qdup = qdup();
    QclassifyConfig qclassify = qclassify();
    if (qunique == null || estimates == null || qdup == null || qclassify == null) {
      return null;
    }
    return build(ROOT, () -> new AnalysisConfig(qunique, estimates, qdup, qclassify));
  }

  private QuniqueConfig qunique() {
    String path = ROOT + ".qunique";
    ConfigReader r = reader(path);
    if (r == null) {
      return null;
    }
    List<MdpSetting> settings = settings(r, "settings");
    Long n = r.int64("n-mdps");
    List<Double> deltas = numbers(r, "deltas");
    List<String> methods = strings(r, "methods");
    Integer horizon = r.int32("horizon");
    Double gamma = r.number("gamma");
    Integer block = r.int32("block-size");
    Integer grid = r.int32("grid-dims");
    Set<String> unread = new HashSet<>();
    return buildOrCheck(
        path,
        unread,
        () ->
            new QuniqueConfig(
                or(settings, List.of(new MdpSetting(1, 1)), "settings", unread),
                or(n, 2L, "n-mdps", unread),
                or(deltas, List.of(1.0), "deltas", unread),
                or(methods, List.of(QuniqueConfig.GRID), "methods", unread),
                or(horizon, 1, "horizon", unread),
                or(gamma, 1.0, "gamma", unread),
                or(block, 1, "block-size", unread),
                or(grid, 0, "grid-dims", unread)));
  }

  private EstimatesConfig estimates() {
    String path = ROOT + ".estimates";
    ConfigReader r = reader(path);
    if (r == null) {
      return null;
    }
    Double alpha = r.number("alpha");
    Double beta = r.number("beta");
    Double noise = r.number("noise-std");
    Integer steps = r.int32("steps");
    Integer episode = r.int32("episode-length");
    Double gamma = r.number("gamma");
    Double laplace = r.number("laplace");
    Double epsilon = r.number("epsilon");
    Integer sweeps = r.int32("sweeps");
    Set<String> unread = new HashSet<>();
    return buildOrCheck(
        path,
        unread,
        () ->
            new EstimatesConfig(
                or(alpha, 1.0, "alpha", unread),
                or(beta, 1.0, "beta", unread),
                or(noise, 0.0, "noise-std", unread),
                or(steps, 1, "steps", unread),
                or(episode, 0, "episode-length", unread),
                or(gamma, 1.0, "gamma", unread),
                or(laplace, 0.0, "laplace", unread),
                or(epsilon, 0.0, "epsilon", unread),
                or(sweeps, 1, "sweeps", unread)));
  }

  private QdupConfig qdup() {
    String path = ROOT + ".qdup";
    ConfigReader r = reader(path);
    if (r == null) {
      return null;
    }
    Long n = r.int64("n-mdps");
    List<Double> deltas = numbers(r, "deltas");
    List<String> methods = strings(r, "methods");
    Set<String> unread = new HashSet<>();
    return buildOrCheck(
        path,
        unread,
        () ->
            new QdupConfig(
                or(n, 2L, "n-mdps", unread),
                or(deltas, List.of(1.0), "deltas", unread),
                or(methods, List.of(QuniqueConfig.GRID), "methods", unread)));
  }

  private QclassifyConfig qclassify() {
    String path = ROOT + ".qclassify";
    ConfigReader r = reader(path);
    if (r == null) {
      return null;
    }
    Long n = r.int64("n-mdps");
    Integer train = r.int32("train-rollouts");
    Integer test = r.int32("test-rollouts");
    List<Integer> steps = integers(r, "steps");
    Integer hidden = r.int32("hidden");
    Integer epochs = r.int32("epochs");
    Integer batch = r.int32("batch-size");
    Double lr = r.number("learning-rate");
    Double l2 = r.number("l2");
    Integer threads = r.int32("threads");
    String training = r.string("training");
    Integer workers = r.int32("workers");
    Integer freq = r.int32("averaging-frequency");
    Set<String> unread = new HashSet<>();
    return buildOrCheck(
        path,
        unread,
        () ->
            new QclassifyConfig(
                or(n, 2L, "n-mdps", unread),
                or(train, 1, "train-rollouts", unread),
                or(test, 1, "test-rollouts", unread),
                or(steps, List.of(), "steps", unread),
                or(hidden, 1, "hidden", unread),
                or(epochs, 1, "epochs", unread),
                or(batch, 1, "batch-size", unread),
                or(lr, 1.0, "learning-rate", unread),
                or(l2, 0.0, "l2", unread),
                or(threads, 1, "threads", unread),
                or(training, QclassifyConfig.TASKS, "training", unread),
                or(workers, 1, "workers", unread),
                or(freq, 1, "averaging-frequency", unread)));
  }

  /** {@code value}, or (if it could not be read) a valid placeholder, noting the key as unread. */
  private static <T> T or(T value, T placeholder, String key, Set<String> unread) {
    if (value == null) {
      unread.add(key);
      return placeholder;
    }
    return value;
  }

  /**
   * Constructs a record whose unreadable fields were given placeholders: returns it if every field
   * was read and valid; otherwise records the problems of the fields that were read (those of
   * placeholders are already reported) and returns null.
   */
  private <T> T buildOrCheck(String path, Set<String> unread, Supplier<T> constructor) {
    try {
      T value = constructor.get();
      return unread.isEmpty() ? value : null;
    } catch (InvalidFields e) {
      e.fields().stream()
          .filter(kv -> !unread.contains(kv.getKey()))
          .forEach(kv -> sink.add(ProblemSink.join(path, kv.getKey()), kv.getValue()));
      return null;
    } catch (IllegalArgumentException e) {
      if (unread.isEmpty()) {
        sink.add(path, e.getMessage());
      }
      return null;
    }
  }

  /** A reader of the block at {@code path}, or null (reported) if it is not a block. */
  private ConfigReader reader(String path) {
    try {
      return new ConfigReader(c.getConfig(path), path, sink);
    } catch (ConfigException e) {
      sink.add(path, "wrong type or missing: expected a block { ... }");
      return null;
    }
  }

  /** Constructs a record, recording its problems under {@code path}. */
  private <T> T build(String path, Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (IllegalArgumentException e) {
      sink.addInvalid(path, e);
      return null;
    }
  }

  /** The elements of a list value, or null (reported). */
  private ConfigList list(ConfigReader r, String key) {
    ConfigValue v = r.value(key);
    if (v == null) {
      return null;
    }
    if (v.valueType() != ConfigValueType.LIST) {
      sink.add(r.path(key), "wrong type: expected a list [ ... ]");
      return null;
    }
    return (ConfigList) v;
  }

  private List<Double> numbers(ConfigReader r, String key) {
    ConfigList l = list(r, key);
    if (l == null) {
      return null;
    }
    List<Double> out = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < l.size(); i++) {
      ConfigValue v = l.get(i);
      if (v.valueType() == ConfigValueType.NUMBER) {
        out.add(((Number) v.unwrapped()).doubleValue());
      } else {
        sink.add(r.path(key) + "[" + i + "]", "wrong type: expected a number");
        ok = false;
      }
    }
    return ok ? out : null;
  }

  private List<Integer> integers(ConfigReader r, String key) {
    List<Double> xs = numbers(r, key);
    if (xs == null) {
      return null;
    }
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < xs.size(); i++) {
      double x = xs.get(i);
      if (x != Math.rint(x) || Math.abs(x) > Integer.MAX_VALUE) {
        sink.add(r.path(key) + "[" + i + "]", "wrong type: expected an integer, got " + x);
        return null;
      }
      out.add((int) x);
    }
    return out;
  }

  private List<String> strings(ConfigReader r, String key) {
    ConfigList l = list(r, key);
    if (l == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < l.size(); i++) {
      ConfigValue v = l.get(i);
      if (v.valueType() == ConfigValueType.STRING) {
        out.add((String) v.unwrapped());
      } else {
        sink.add(r.path(key) + "[" + i + "]", "wrong type: expected a string");
        ok = false;
      }
    }
    return ok ? out : null;
  }

  private List<MdpSetting> settings(ConfigReader r, String key) {
    ConfigList l = list(r, key);
    if (l == null) {
      return null;
    }
    List<MdpSetting> out = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < l.size(); i++) {
      String label = r.path(key) + "[" + i + "]";
      ConfigValue v = l.get(i);
      if (v.valueType() != ConfigValueType.OBJECT) {
        sink.add(label, "wrong type: expected a setting like { alpha = 0.1, beta = 0.5 }");
        ok = false;
        continue;
      }
      Set<String> keys = ((ConfigObject) v).keySet();
      for (String k : keys) {
        if (!k.equals("alpha") && !k.equals("beta")) {
          sink.add(
              label + "." + k,
              "unknown key: a setting has alpha and beta"
                  + Suggestions.didYouMean(k, List.of("alpha", "beta")));
          ok = false;
        }
      }
      ConfigReader s = new ConfigReader(((ConfigObject) v).toConfig(), label, sink);
      Double alpha = s.number("alpha");
      Double beta = s.number("beta");
      if (alpha == null || beta == null) {
        ok = false;
        continue;
      }
      MdpSetting m = build(label, () -> new MdpSetting(alpha, beta));
      if (m == null) {
        ok = false;
      } else {
        out.add(m);
      }
    }
    return ok ? out : null;
  }
}
