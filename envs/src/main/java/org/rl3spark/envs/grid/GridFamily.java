package org.rl3spark.envs.grid;

import org.rl3spark.core.task.Split;
import org.rl3spark.core.task.TaskFamily;
import org.rl3spark.core.task.TaskId;
import org.rl3spark.core.vamdp.QSource;
import org.rl3spark.core.vamdp.VamdpConfig;

/**
 * GridWorlds of one variation (reference §1.3). Train and test splits draw from the variation's
 * generator; the {@code ood} split exists for the out-of-distribution variations (the five 13x13
 * ones and 11x11_deterministic), which are tests of agents trained on the canonical grid. Every
 * split has its own seed stream.
 *
 * @param variant the variation's name
 * @param params the generator tuple
 * @param outOfDistribution whether the {@code ood} split is available
 * @param minReturn smallest accepted J
 * @param maxReturn largest accepted J
 * @param maxAttempts draws per task before generation fails
 * @param coarseRadius the RL³-coarse clustering radius for this grid size
 */
public record GridFamily(
    String variant,
    GridParams params,
    boolean outOfDistribution,
    double minReturn,
    double maxReturn,
    int maxAttempts,
    double coarseRadius)
    implements TaskFamily {

  private static final long serialVersionUID = 1L;

  /** Family name. */
  public static final String NAME = "gridworld";

  /** The reference's acceptance range of J. */
  public static final double MIN_RETURN = 50;

  /** The reference's acceptance range of J. */
  public static final double MAX_RETURN = 100;

  /** Default cap on draws per task. */
  public static final int MAX_ATTEMPTS = 10_000;

  /** The RL³-coarse cluster size of the reference. */
  public static final int COARSE_CLUSTER_SIZE = 2;

  /** Validates the fields (the generator checks the rest). */
  public GridFamily {
    if (variant == null || variant.isBlank()) {
      throw new IllegalArgumentException("gridworld variant name must not be empty");
    }
    new GridGenerator(params, minReturn, maxReturn, maxAttempts);
    if (!(coarseRadius > 0)) {
      throw new IllegalArgumentException("coarse radius must be > 0, got " + coarseRadius);
    }
  }

  /** The family of a named variation with the reference's rejection rule. */
  public static GridFamily of(GridVariant v) {
    return new GridFamily(
        v.id(),
        v.params(),
        v.isOutOfDistribution(),
        MIN_RETURN,
        MAX_RETURN,
        MAX_ATTEMPTS,
        v.coarseRadius());
  }

  /** The family of a named variation, e.g. {@code 13x13_dense}. */
  public static GridFamily of(String variant) {
    return of(GridVariant.parse(variant));
  }

  @Override
  public String family() {
    return NAME;
  }

  @Override
  public boolean supports(Split split) {
    return split != Split.OOD || outOfDistribution;
  }

  @Override
  public GridTask generate(Split split, long index, long masterSeed) {
    if (!supports(split)) {
      throw new IllegalArgumentException(
          "gridworld variant "
              + variant
              + " is an in-distribution grid: split 'ood' needs one of the out-of-distribution"
              + " variants (13x13_dense, 13x13_deterministic, 13x13_watery, 13x13_dangerous,"
              + " 13x13_corner, 11x11_deterministic)");
    }
    long seed = taskSeed(split, index, masterSeed);
    GridGenerator gen = new GridGenerator(params, minReturn, maxReturn, maxAttempts);
    return gen.generate(
        new TaskId(NAME, variant, split, index, seed), taskRng(split, index, masterSeed));
  }

  @Override
  public int taskHorizon() {
    return Integer.MAX_VALUE;
  }

  /**
   * Code defaults (reference §3.1): γ 0.95, ε 0.1, λ 0.01, Q_DENOM 10, states added on visit, warm
   * start (for task horizons of at least 100); the Q block is the paper's (fresh Q of the current
   * state, {@code QSource.LATEST_VI}).
   */
  @Override
  public VamdpConfig vamdpDefaults() {
    return new VamdpConfig(
        VamdpConfig.CODE_GAMMA,
        0.1,
        0,
        0.01,
        10.0,
        VamdpConfig.CODE_COUNT_DENOM,
        true,
        true,
        QSource.LATEST_VI,
        0,
        1);
  }

  /** The RL³-coarse settings: the defaults with this size's radius and clusters of 2. */
  @Override
  public VamdpConfig coarseDefaults() {
    return vamdpDefaults().withAbstraction(coarseRadius, COARSE_CLUSTER_SIZE);
  }
}
