package org.rl3spark.jobs.config;

import com.typesafe.config.Config;
import java.util.Map;
import org.rl3spark.core.task.TaskFamily;
import org.rl3spark.core.vamdp.VamdpConfig;
import org.rl3spark.envs.family.FamilyConfig;
import org.rl3spark.learner.ppo.Algorithm;

/**
 * Reads the {@code train} block ({@link RecordBinder}) and resolves its {@code vamdp} block: every
 * problem recorded, null when it is not valid.
 *
 * <p>{@code train.vamdp} starts from a reading of the VAMDP (reference §8): {@value #CODE}, the
 * family's defaults for the algorithm (the authors' code's values per family, reference §3.1, with
 * the paper's Q block), or {@value #PAPER}, the paper's description applied to them ({@link
 * VamdpConfig#paper()}: γ 1, ε 0.01, λ 0.1, states added on visit, cold starts). Each of its other
 * keys, a component of {@link VamdpConfig} in kebab-case, overrides that reading's value when it is
 * not null.
 */
final class TrainConfigReader {

  /** The reading of the authors' code (the default). */
  static final String CODE = "code";

  /** The reading of the paper. */
  static final String PAPER = "paper";

  private static final String VAMDP = "train.vamdp";

  private TrainConfigReader() {}

  /**
   * The block, or null.
   *
   * @param families the family blocks that could be read, by name
   */
  static TrainConfig read(Config c, ProblemSink sink, Map<String, FamilyConfig> families) {
    Config block = new ConfigReader(c, "", sink).block("train");
    if (block == null) {
      return null;
    }
    TrainConfig t = RecordBinder.bind(TrainConfig.class, block, "train", sink);
    Config vamdp = new ConfigReader(block, "train", sink).block("vamdp");
    FamilyConfig family = t == null ? null : families.get(t.family());
    if (family == null || vamdp == null) {
      return null;
    }
    int before = sink.size();
    VamdpConfig v = vamdp(t.algo(), family.toFamily(), vamdp, sink);
    return sink.size() > before ? null : RecordBinder.with(t, "vamdp", v);
  }

  /**
   * The VAMDP {@code block} gives the algorithm on the family when it differs from the family's
   * defaults; null when it is those (or for RL², which reads none).
   */
  private static VamdpConfig vamdp(Algorithm a, TaskFamily f, Config block, ProblemSink sink) {
    String reading = new ConfigReader(block, VAMDP, sink).string("reading");
    if (reading == null) {
      return null;
    }
    if (!reading.equals(CODE) && !reading.equals(PAPER)) {
      sink.add(
          VAMDP + ".reading",
          "must be "
              + CODE
              + " (the family's defaults: the authors' code) or "
              + PAPER
              + " (the paper's description), got '"
              + reading
              + "'");
      return null;
    }
    Config overrides = block.withoutPath("reading");
    VamdpConfig defaults = a.vamdp(f, null);
    if (defaults == null) {
      if (reading.equals(PAPER) || !overrides.entrySet().isEmpty()) {
        sink.add(
            VAMDP,
            a.id()
                + " reads no VAMDP: train.vamdp applies to rl3, rl3_coarse and rl3_markov;"
                + " leave it at its defaults (reading = code, every other key null)");
      }
      return null;
    }
    VamdpConfig base = reading.equals(PAPER) ? defaults.paper() : defaults;
    VamdpConfig v = RecordBinder.overlay(base, overrides, VAMDP, sink);
    if (v != null && !v.equals(a.vamdp(f, v))) {
      sink.add(
          VAMDP,
          a.id()
              + " abstracts states: cluster-radius must be > 0 and cluster-size > 1, got "
              + v.clusterRadius()
              + " and "
              + v.clusterSize());
      return null;
    }
    return v == null || v.equals(defaults) ? null : v;
  }
}
