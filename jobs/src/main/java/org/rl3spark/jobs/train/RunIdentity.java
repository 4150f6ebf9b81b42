package org.rl3spark.jobs.train;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rl3spark.jobs.config.CanonicalSettings;
import org.rl3spark.jobs.config.ConfigLoader;
import org.rl3spark.jobs.config.Rl3Config;
import org.rl3spark.jobs.config.TrainConfig;

/**
 * A training run's identity: the text of everything that determines its trained parameters, whose
 * SHA-256 is its config hash (a resume, a fork and a shipped copy must match it).
 *
 * <p>The text is computed from the run's canonical settings ({@link CanonicalSettings} of the
 * {@code train} block: every setting but bookkeeping, resolved, in canonical form) as {@code <v1
 * settings> [fork=<i>] [<key>=<value> ...] seed=<master seed> family=<family settings>}:
 *
 * <ul>
 *   <li>The settings the identity held when the first agents were shipped are written under their
 *       v1 names in v1 order ({@link #V1}), so that every run since keeps its hash; {@code fork}
 *       only for a fork, as then.
 *   <li>Every other setting follows under its config key, in key order, only when it differs from
 *       its default in {@code rl3-defaults.conf}. A setting added with the default that keeps the
 *       earlier behaviour (a new PPO setting, {@code train.vamdp}) therefore changes no existing
 *       run's hash, and a run that changes it gets a new one.
 *   <li>The workers and averaging frequency of a fit that does not average ({@code fit = local})
 *       are 0: they do not reach the parameters.
 * </ul>
 */
public final class RunIdentity {

  /**
   * The v1 name of each setting the identity held in its first form, by config key, in v1 order.
   * Frozen: these names and this order are part of the hash of every run started since.
   */
  static final Map<String, String> V1 = v1();

  private static final String FORK = "train.fork.iteration";

  private static Map<String, String> defaults;

  private RunIdentity() {}

  /** The identity text of a config's run. */
  public static String of(Rl3Config c) {
    return text(settings(c.train()), defaultSettings())
        + " seed="
        + c.masterSeed()
        + " family="
        + c.family().get(c.train().family());
  }

  /** SHA-256 of {@link #of}, in hex. */
  public static String hash(Rl3Config c) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(of(c).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The canonical settings of a train block, by config key. */
  static Map<String, String> settings(TrainConfig t) {
    Map<String, String> s = CanonicalSettings.of(t, "train");
    if (!t.parameterAveraging()) {
      s.put("train.workers", "0");
      s.put("train.averaging-frequency", "0");
    }
    return s;
  }

  /**
   * The identity text of canonical settings ({@link #settings}), without seed and family.
   *
   * @param defaults the settings of the defaults: a setting not in {@link #V1} is written only when
   *     its value differs from its default
   */
  static String text(Map<String, String> settings, Map<String, String> defaults) {
    Map<String, String> rest = new TreeMap<>(settings);
    List<String> out = new ArrayList<>();
    V1.forEach(
        (key, name) -> {
          String value = rest.remove(key);
          if (value != null && (!key.equals(FORK) || !value.equals(defaults.get(key)))) {
            out.add(name + "=" + value);
          }
        });
    rest.forEach(
        (key, value) -> {
          if (!value.equals(defaults.get(key))) {
            out.add(key + "=" + value);
          }
        });
    return String.join(" ", out);
  }

  /** The canonical settings of the defaults (loaded once). */
  static synchronized Map<String, String> defaultSettings() {
    if (defaults == null) {
      defaults = settings(ConfigLoader.defaultConfig().train());
    }
    return defaults;
  }

  private static Map<String, String> v1() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("train.family", "family");
    m.put("train.algorithm", "algorithm");
    m.put("train.horizon", "horizon");
    m.put("train.entropy.schedule-iterations", "schedule");
    m.put("train.envs", "envs");
    m.put("train.sequences-per-minibatch", "seqs");
    m.put("train.minibatch-steps", "steps");
    m.put("train.epochs", "epochs");
    m.put("train.gamma", "gamma");
    m.put("train.lambda", "lambda");
    m.put("train.clip", "clip");
    m.put("train.kl-target", "kl");
    m.put("train.learning-rate", "lr");
    m.put("train.entropy.initial", "entropy");
    m.put("train.entropy.decay", "decay");
    m.put("train.entropy.block-size", "block");
    m.put("train.fit", "fit");
    m.put("train.workers", "workers");
    m.put("train.averaging-frequency", "freq");
    m.put("train.threads", "threads");
    m.put("train.fit-threads", "fit-threads");
    m.put(FORK, "fork");
    return java.util.Collections.unmodifiableMap(m);
  }
}
