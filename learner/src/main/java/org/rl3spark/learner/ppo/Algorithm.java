package org.rl3spark.learner.ppo;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.rl3spark.core.meta.InnerEnvFactory;
import org.rl3spark.core.task.TaskFamily;
import org.rl3spark.core.vamdp.VamdpConfig;
import org.rl3spark.learner.net.Architecture;

/** The meta-RL algorithms: an architecture and the observation wrapper it reads. */
public enum Algorithm {
  /** RL² with the transformer actor-critic (the paper's RL² baseline). */
  RL2("rl2", Architecture.TRANSFORMER, false, false),
  /** RL² with an LSTM actor-critic (the original, recurrent RL²). */
  RL2_LSTM("rl2_lstm", Architecture.LSTM, false, false),
  /** RL³: the transformer on the value-augmented observation. */
  RL3("rl3", Architecture.TRANSFORMER, true, false),
  /** RL³ with coarse state abstraction in the object-level model (grids). */
  RL3_COARSE("rl3_coarse", Architecture.TRANSFORMER, true, true),
  /** RL³-Markov: an MLP on the current value-augmented observation only. */
  RL3_MARKOV("rl3_markov", Architecture.MARKOV, true, false);

  private final String id;
  private final Architecture architecture;
  private final boolean valueAugmented;
  private final boolean coarse;

  Algorithm(String id, Architecture architecture, boolean valueAugmented, boolean coarse) {
    this.id = id;
    this.architecture = architecture;
    this.valueAugmented = valueAugmented;
    this.coarse = coarse;
  }

  /** The name used in configs and result tables. */
  public String id() {
    return id;
  }

  /** The network architecture. */
  public Architecture architecture() {
    return architecture;
  }

  /** Whether the agent reads the VAMDP observation. */
  public boolean valueAugmented() {
    return valueAugmented;
  }

  /**
   * The inner env of this algorithm's meta-episodes on a family: the task env (RL²) or a VAMDP with
   * the family's settings (RL³), coarse for RL³-coarse.
   *
   * @param vamdp the VAMDP settings (null: the family's defaults; coarse ones for RL³-coarse)
   */
  public InnerEnvFactory innerEnv(TaskFamily family, VamdpConfig vamdp) {
    VamdpConfig c = vamdp(family, vamdp);
    return c == null ? InnerEnvFactory.rl2() : InnerEnvFactory.rl3(c);
  }

  /**
   * The VAMDP settings this algorithm uses on a family: null for RL²; the given settings or the
   * family's defaults for RL³; coarse ones for RL³-coarse.
   */
  public VamdpConfig vamdp(TaskFamily family, VamdpConfig vamdp) {
    if (!valueAugmented) {
      return null;
    }
    VamdpConfig c = vamdp != null ? vamdp : family.vamdpDefaults();
    if (coarse && !c.isCoarse()) {
      c = family.coarseDefaults();
    }
    return c;
  }

  /** Parses a name such as {@code rl3_markov}. */
  public static Algorithm parse(String s) {
    for (Algorithm a : values()) {
      if (a.id.equals(s.trim().toLowerCase(Locale.ROOT))) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "unknown algorithm '"
            + s
            + "': expected one of "
            + Arrays.stream(values()).map(Algorithm::id).collect(Collectors.joining(", ")));
  }
}
