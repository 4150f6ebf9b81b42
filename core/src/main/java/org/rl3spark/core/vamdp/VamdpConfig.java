package org.rl3spark.core.vamdp;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of the VAMDP's object-level RL: model estimation, value iteration and the observation
 * block. Every field where the paper and the authors' code differ (reference §8) is explicit.
 *
 * @param gamma discount of the object-level value iteration; the code uses 0.95, the paper 1.0
 * @param epsilon value iteration stops after a sweep whose max |ΔQ| is below this; code: 0.01
 *     (bandits, MDPs) and 0.1 (grids); paper: 0.01
 * @param maxSweeps sweep cap; 0 means the effective task horizon min(TH, H), as in both paper and
 *     code (1 for bandits, 10 for MDPs, H for grids)
 * @param laplace Laplace smoothing coefficient λ of transition estimates; code: 0.1, grids 0.01;
 *     paper: 0.1
 * @param qDenom Q-values are divided by this in the observation (1 for bandits, 10 otherwise)
 * @param countDenom action counts are divided by this in the observation (10 in the code)
 * @param warmStart whether value iteration starts from the previous step's Q while the number of
 *     model states is unchanged and the effective task horizon is at least {@link
 *     Vamdp#WARM_START_MIN_HORIZON} (code: grids only); otherwise every solve starts from zero
 * @param incrementalStates whether model states are added on first visit (code: grids only; paper:
 *     always) instead of the whole state space existing from the start
 * @param qSource which Q-estimates are shown for the current state
 * @param clusterRadius RL³-coarse: a new state joins the nearest seen state closer than this
 *     (Euclidean, in the state encoding's coordinates); 0 disables abstraction
 * @param clusterSize RL³-coarse: the maximum number of concrete states per abstract state; 1
 *     disables abstraction
 */
public record VamdpConfig(
    double gamma,
    double epsilon,
    int maxSweeps,
    double laplace,
    double qDenom,
    double countDenom,
    boolean warmStart,
    boolean incrementalStates,
    QSource qSource,
    double clusterRadius,
    int clusterSize)
    implements Serializable {

  /** The code's hard-coded object-level discount (VAMDP.jl:169). */
  public static final double CODE_GAMMA = 0.95;

  /** The code's count scaling in the observation. */
  public static final double CODE_COUNT_DENOM = 10.0;

  /** Validates every field and reports all problems at once. */
  public VamdpConfig {
    List<String> problems = new ArrayList<>();
    if (!(gamma > 0 && gamma <= 1)) {
      problems.add("gamma must be in (0, 1], got " + gamma);
    }
    if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
      problems.add("epsilon must be finite and >= 0, got " + epsilon);
    }
    if (maxSweeps < 0) {
      problems.add("maxSweeps must be >= 0 (0 = task horizon), got " + maxSweeps);
    }
    if (!(laplace >= 0) || Double.isInfinite(laplace)) {
      problems.add("laplace must be finite and >= 0, got " + laplace);
    }
    if (!(qDenom > 0) || Double.isInfinite(qDenom)) {
      problems.add("qDenom must be finite and > 0, got " + qDenom);
    }
    if (!(countDenom > 0) || Double.isInfinite(countDenom)) {
      problems.add("countDenom must be finite and > 0, got " + countDenom);
    }
    if (qSource == null) {
      problems.add("qSource must be set (latest_vi or successor_cache)");
    }
    if (!(clusterRadius >= 0) || Double.isInfinite(clusterRadius)) {
      problems.add("clusterRadius must be finite and >= 0, got " + clusterRadius);
    }
    if (clusterSize < 1) {
      problems.add("clusterSize must be >= 1, got " + clusterSize);
    }
    // The parameters, not isCoarse(): the fields are only assigned after this compact constructor.
    if (clusterRadius > 0 && clusterSize > 1 && !incrementalStates) {
      problems.add(
          "state abstraction (clusterRadius > 0, clusterSize > 1) needs incrementalStates");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid VAMDP config: " + String.join("; ", problems));
    }
  }

  /** Whether RL³-coarse state abstraction is active (radius > 0 and cluster size > 1). */
  public boolean isCoarse() {
    return clusterRadius > 0 && clusterSize > 1;
  }

  /** The sweep cap for a meta-episode whose effective task horizon is {@code taskHorizon}. */
  public int sweepCap(int taskHorizon) {
    return maxSweeps > 0 ? maxSweeps : taskHorizon;
  }

  /** A copy with the given discount. */
  public VamdpConfig withGamma(double g) {
    return new VamdpConfig(
        g,
        epsilon,
        maxSweeps,
        laplace,
        qDenom,
        countDenom,
        warmStart,
        incrementalStates,
        qSource,
        clusterRadius,
        clusterSize);
  }

  /** A copy with the given Q source. */
  public VamdpConfig withQSource(QSource s) {
    return new VamdpConfig(
        gamma,
        epsilon,
        maxSweeps,
        laplace,
        qDenom,
        countDenom,
        warmStart,
        incrementalStates,
        s,
        clusterRadius,
        clusterSize);
  }

  /** A copy with RL³-coarse abstraction (radius, cluster size). */
  public VamdpConfig withAbstraction(double radius, int size) {
    return new VamdpConfig(
        gamma,
        epsilon,
        maxSweeps,
        laplace,
        qDenom,
        countDenom,
        warmStart,
        incrementalStates,
        qSource,
        radius,
        size);
  }

  /**
   * The paper's description (App. B.2) applied to these settings: γ = 1, ε = 0.01, λ = 0.1,
   * incremental states, fresh Q for the current state, cold starts.
   */
  public VamdpConfig paper() {
    return new VamdpConfig(
        1.0,
        0.01,
        maxSweeps,
        0.1,
        qDenom,
        countDenom,
        false,
        true,
        QSource.LATEST_VI,
        clusterRadius,
        clusterSize);
  }
}
