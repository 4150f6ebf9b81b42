package org.rl3spark.envs.bandit;

import org.rl3spark.core.random.Rng;
import org.rl3spark.core.task.Split;
import org.rl3spark.core.task.TaskFamily;
import org.rl3spark.core.task.TaskId;
import org.rl3spark.core.vamdp.QSource;
import org.rl3spark.core.vamdp.VamdpConfig;

/**
 * Bernoulli bandits with k arms (reference §1.1). Train and test tasks draw p_a ~ U[0, 1)
 * independently; OOD tasks draw p_a = 0.5 + 0.5·N(0, 1), unclipped (the effective success
 * probability is clamp(p, 0, 1)).
 *
 * @param arms k ≥ 1
 */
public record BanditFamily(int arms) implements TaskFamily {

  private static final long serialVersionUID = 1L;

  /** Family name. */
  public static final String NAME = "bandits";

  /** Mean of the OOD arm distribution. */
  public static final double OOD_MEAN = 0.5;

  /** Standard deviation of the OOD arm distribution. */
  public static final double OOD_STD = 0.5;

  /** Validates k. */
  public BanditFamily {
    if (arms < 1) {
      throw new IllegalArgumentException("bandits need at least 1 arm, got arms=" + arms);
    }
  }

  @Override
  public String family() {
    return NAME;
  }

  @Override
  public String variant() {
    return "k" + arms;
  }

  @Override
  public boolean supports(Split split) {
    return true;
  }

  @Override
  public BanditTask generate(Split split, long index, long masterSeed) {
    long seed = taskSeed(split, index, masterSeed);
    Rng rng = new Rng(seed);
    double[] p = new double[arms];
    for (int a = 0; a < arms; a++) {
      p[a] = split == Split.OOD ? OOD_MEAN + OOD_STD * rng.nextGaussian() : rng.nextDouble();
    }
    return new BanditTask(new TaskId(NAME, variant(), split, index, seed), p);
  }

  @Override
  public int taskHorizon() {
    return 1;
  }

  /**
   * Code defaults (reference §3.1): γ 0.95, ε 0.01, λ 0.1, Q_DENOM 1, all states known, cold start;
   * the Q block is the paper's (fresh Q of the current state, {@code QSource.LATEST_VI}).
   */
  @Override
  public VamdpConfig vamdpDefaults() {
    return new VamdpConfig(
        VamdpConfig.CODE_GAMMA,
        0.01,
        0,
        0.1,
        1.0,
        VamdpConfig.CODE_COUNT_DENOM,
        false,
        false,
        QSource.LATEST_VI,
        0,
        1);
  }
}
