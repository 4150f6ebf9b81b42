package org.rl3spark.envs.mdp;

import java.util.ArrayList;
import java.util.List;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.task.Split;
import org.rl3spark.core.task.TaskFamily;
import org.rl3spark.core.task.TaskId;
import org.rl3spark.core.vamdp.QSource;
import org.rl3spark.core.vamdp.VamdpConfig;

/**
 * Random tabular MDPs (reference §1.2): T(s, a, ·) ~ Dirichlet(α) (α = 1; OOD α = 0.25), R(s, a) ~
 * N(rewardMean, rewardStd²), observed reward noise N(0, noiseStd²), start state 0, episodes of
 * {@code episodeLength} steps.
 *
 * @param states S (default 10)
 * @param actions A (default 5)
 * @param alpha Dirichlet concentration of train and test tasks
 * @param oodAlpha Dirichlet concentration of OOD tasks
 * @param rewardMean mean of R(s, a)
 * @param rewardStd standard deviation of R(s, a) across tasks
 * @param noiseStd standard deviation of the per-step reward noise
 * @param episodeLength the task horizon
 */
public record RandomMdpFamily(
    int states,
    int actions,
    double alpha,
    double oodAlpha,
    double rewardMean,
    double rewardStd,
    double noiseStd,
    int episodeLength)
    implements TaskFamily {

  private static final long serialVersionUID = 1L;

  /** Family name. */
  public static final String NAME = "mdps";

  /** Validates the parameters and lists every problem. */
  public RandomMdpFamily {
    List<String> problems = new ArrayList<>();
    if (states < 1) {
      problems.add("states must be >= 1, got " + states);
    }
    if (actions < 1) {
      problems.add("actions must be >= 1, got " + actions);
    }
    if (!(alpha > 0) || Double.isInfinite(alpha)) {
      problems.add("alpha (Dirichlet concentration) must be > 0, got " + alpha);
    }
    if (!(oodAlpha > 0) || Double.isInfinite(oodAlpha)) {
      problems.add("ood-alpha (Dirichlet concentration) must be > 0, got " + oodAlpha);
    }
    if (!Double.isFinite(rewardMean)) {
      problems.add("reward-mean must be finite, got " + rewardMean);
    }
    if (!(rewardStd >= 0) || Double.isInfinite(rewardStd)) {
      problems.add("reward-std must be finite and >= 0, got " + rewardStd);
    }
    if (!(noiseStd >= 0) || Double.isInfinite(noiseStd)) {
      problems.add("noise-std must be finite and >= 0, got " + noiseStd);
    }
    if (episodeLength < 1) {
      problems.add("episode-length must be >= 1, got " + episodeLength);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid random MDP family: " + String.join("; ", problems));
    }
  }

  /** Duan et al.'s setup: 10 states, 5 actions, α 1 (OOD 0.25), R ~ N(1, 1), noise 1, 10 steps. */
  public static RandomMdpFamily standard() {
    return new RandomMdpFamily(10, 5, 1.0, 0.25, 1.0, 1.0, 1.0, 10);
  }

  @Override
  public String family() {
    return NAME;
  }

  @Override
  public String variant() {
    return "s" + states + "a" + actions;
  }

  @Override
  public boolean supports(Split split) {
    return true;
  }

  /** The Dirichlet concentration of a split's tasks. */
  public double alphaOf(Split split) {
    return split == Split.OOD ? oodAlpha : alpha;
  }

  @Override
  public RandomMdpTask generate(Split split, long index, long masterSeed) {
    long seed = taskSeed(split, index, masterSeed);
    Rng rng = new Rng(seed);
    double a0 = alphaOf(split);
    double[] t = new double[states * actions * states];
    for (int row = 0; row < states * actions; row++) {
      rng.nextDirichlet(a0, t, row * states, states);
    }
    double[] r = new double[states * actions];
    for (int i = 0; i < r.length; i++) {
      r[i] = rewardMean + rewardStd * rng.nextGaussian();
    }
    return new RandomMdpTask(
        new TaskId(NAME, variant(), split, index, seed),
        states,
        actions,
        t,
        r,
        noiseStd,
        episodeLength,
        0);
  }

  @Override
  public int taskHorizon() {
    return episodeLength;
  }

  /**
   * Code defaults (reference §3.1): γ 0.95, ε 0.01, λ 0.1, Q_DENOM 10, all states known, cold
   * start; the Q block is the paper's (fresh Q of the current state, {@code QSource.LATEST_VI}).
   */
  @Override
  public VamdpConfig vamdpDefaults() {
    return new VamdpConfig(
        VamdpConfig.CODE_GAMMA,
        0.01,
        0,
        0.1,
        10.0,
        VamdpConfig.CODE_COUNT_DENOM,
        false,
        false,
        QSource.LATEST_VI,
        0,
        1);
  }
}
