package org.rl3spark.jobs.analysis;

import org.rl3spark.core.analysis.QEstimateTrace;
import org.rl3spark.core.analysis.QTables;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.random.Seeds;
import org.rl3spark.core.task.Split;
import org.rl3spark.core.vamdp.QSource;
import org.rl3spark.core.vamdp.VamdpConfig;
import org.rl3spark.envs.mdp.RandomMdpFamily;
import org.rl3spark.envs.mdp.RandomMdpTask;
import org.rl3spark.jobs.config.EstimatesConfig;
import org.rl3spark.jobs.config.MdpSetting;

/**
 * The random MDPs of Appendix D and what the jobs compute from them.
 *
 * <p>MDP i of a setting (α, β) is task i of the random-MDP family with 3 states, 2 actions,
 * Dirichlet(α) transitions, mean rewards N(1, β²) and start state 0 ({@link RandomMdpFamily}: for
 * each (s, a) a Dirichlet row over s', then the rewards in (s, a) order), generated with the
 * family's task seed under the setting's own master {@link #settingSeed} = derive(master seed,
 * {@value #MDP}, bits(α), bits(β)). So it is a pure function of (master seed, α, β, i), the same in
 * every job, and different settings draw independent MDPs. The reward noise only affects
 * simulation, never the MDP itself.
 *
 * <p>Rollouts: rollout r of kind k ({@link #TRAIN} or {@link #TEST}) on MDP i uses the env stream
 * derive(master, {@value #ROLLOUT_ENV}, bits(α), bits(β), i, k, r) and the policy stream
 * derive(master, {@value #ROLLOUT_POLICY}, …) with the same identifiers.
 */
public final class AppendixDMdps {

  /** States of Appendix D's MDPs. */
  public static final int STATES = 3;

  /** Actions of Appendix D's MDPs. */
  public static final int ACTIONS = 2;

  /** Q-table width. */
  public static final int TABLE = STATES * ACTIONS;

  /** Mean of the mean rewards. */
  public static final double REWARD_MEAN = 1.0;

  /** The task horizon (episode length of the family; the VAMDP's default sweep cap). */
  public static final int TASK_HORIZON = 10;

  /** Seed purpose of the MDPs. */
  public static final String MDP = "appendix-d-mdp";

  /** Seed purpose of a rollout's env dynamics. */
  public static final String ROLLOUT_ENV = "appendix-d-rollout-env";

  /** Seed purpose of a rollout's random policy. */
  public static final String ROLLOUT_POLICY = "appendix-d-rollout-policy";

  /** Rollout kind: training. */
  public static final int TRAIN = 0;

  /** Rollout kind: test (qdup uses test rollout 0). */
  public static final int TEST = 1;

  private AppendixDMdps() {}

  /** The family of a setting with the given reward noise. */
  public static RandomMdpFamily family(MdpSetting s, double noiseStd) {
    return new RandomMdpFamily(
        STATES, ACTIONS, s.alpha(), s.alpha(), REWARD_MEAN, s.beta(), noiseStd, TASK_HORIZON);
  }

  /** The master seed of a setting's MDPs. */
  public static long settingSeed(long master, MdpSetting s) {
    return Seeds.derive(
        master, MDP, Double.doubleToLongBits(s.alpha()), Double.doubleToLongBits(s.beta()));
  }

  /** MDP {@code index} of a setting. */
  public static RandomMdpTask mdp(long master, MdpSetting s, double noiseStd, long index) {
    return family(s, noiseStd).generate(Split.TEST, index, settingSeed(master, s));
  }

  /** The optimal Q-table of MDP {@code index}: {@code horizon} steps to go, discount gamma. */
  public static double[] optimalQ(
      long master, MdpSetting s, long index, int horizon, double gamma) {
    return QTables.optimalQ(mdp(master, s, 0, index).model(), horizon, gamma);
  }

  /** The VAMDP settings of the estimates: all states known, fresh Q, cold starts. */
  public static VamdpConfig vamdp(EstimatesConfig e) {
    return new VamdpConfig(
        e.gamma(),
        e.epsilon(),
        e.sweeps(),
        e.laplace(),
        10.0,
        VamdpConfig.CODE_COUNT_DENOM,
        false,
        false,
        QSource.LATEST_VI,
        0,
        1);
  }

  /**
   * The learned model's Q-tables along rollout r of kind k on MDP i: q[t − 1] after step t.
   *
   * @see QEstimateTrace#run
   */
  public static double[][] estimates(long master, EstimatesConfig e, long index, int kind, int r) {
    MdpSetting s = e.setting();
    RandomMdpTask task = mdp(master, s, e.noiseStd(), index);
    long a = Double.doubleToLongBits(s.alpha());
    long b = Double.doubleToLongBits(s.beta());
    Rng env = Seeds.rng(master, ROLLOUT_ENV, a, b, index, kind, r);
    Rng policy = Seeds.rng(master, ROLLOUT_POLICY, a, b, index, kind, r);
    return QEstimateTrace.run(
        task.newEnv(), vamdp(e), TASK_HORIZON, e.steps(), e.episodeLength(), env, policy);
  }
}
