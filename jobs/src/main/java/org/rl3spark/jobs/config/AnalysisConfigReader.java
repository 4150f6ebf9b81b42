package org.rl3spark.jobs.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
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
    if (settings == null
        || n == null
        || deltas == null
        || methods == null
        || horizon == null
        || gamma == null
        || block == null
        || grid == null) {
      return null;
    }
    return build(
        path,
        () -> new QuniqueConfig(settings, n, deltas, methods, horizon, gamma, block, grid));
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
    if (alpha == null
        || beta == null
        || noise == null
        || steps == null
        || episode == null
        || gamma == null
        || laplace == null
        || epsilon == null
        || sweeps == null) {
      return null;
    }
    return build(
        path,
        () ->
            new EstimatesConfig(
                alpha, beta, noise, steps, episode, gamma, laplace, epsilon, sweeps));
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
    if (n == null || deltas == null || methods == null) {
      return null;
    }
    return build(path, () -> new QdupConfig(n, deltas, methods));
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
    if (n == null
        || train == null
        || test == null
        || steps == null
        || hidden == null
        || epochs == null
        || batch == null
        || lr == null
        || l2 == null
        || threads == null
        || training == null
        || workers == null
        || freq == null) {
      return null;
    }
    return build(
        path,
        () ->
            new QclassifyConfig(
                n, train, test, steps, hidden, epochs, batch, lr, l2, threads, training, workers,
                freq));
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
