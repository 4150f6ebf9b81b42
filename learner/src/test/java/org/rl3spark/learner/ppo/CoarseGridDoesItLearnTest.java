package org.rl3spark.learner.ppo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rl3spark.core.policy.MetaOracle;
import org.rl3spark.core.policy.RandomPolicy;
import org.rl3spark.core.ppo.EntropySchedule;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.random.Seeds;
import org.rl3spark.core.rollout.MetaEpisodeRunner;
import org.rl3spark.core.task.Split;
import org.rl3spark.core.task.Task;
import org.rl3spark.core.vamdp.VamdpConfig;
import org.rl3spark.envs.grid.GridFamily;
import org.rl3spark.envs.grid.GridParams;
import org.rl3spark.learner.dl4j.ActorCritic;
import org.rl3spark.learner.dl4j.Nd4jThreads;

/**
 * "Does it learn" for RL³-coarse on a small GridWorld: 3x3, no obstacles, water or dangers, no
 * slip, the goal at one of the four corners (Manhattan distance 2 from the central start), budget H
 * = 12. Entering the goal pays +100 and restarts the episode at the start; every other step pays
 * −1, so a meta-episode returns 101·(goals reached) − 12.
 *
 * <p>References on the 200 test tasks: the known-goal oracle reaches the goal every 2 steps (594);
 * a Bayes-optimal agent, which first has to find the corner (after 2, 4, 6 or 8 steps), gets (594 +
 * 493 + 392 + 291)/4 ≈ 443; the uniform random policy about 34, and the untrained network 16–40
 * depending on its initialisation.
 *
 * <p>After 70 PPO iterations from master seed 1 the trained policy (stochastic actions) must
 * average at least {@link #BAR} = 180: about 1.45 goals per meta-episode more than random, a third
 * of the way from random to Bayes-optimal, and about 9 standard errors of a 200-task mean above
 * random (a trained meta-episode's return has a standard deviation of about 220, so the standard
 * error is about 16). Its gain over the untrained network on the same tasks and streams must also
 * exceed 5 standard errors of the paired differences. The bar is not tuned to a seed: master seeds
 * 1–5 reached 251, 297, 278, 345 and 347 after 70 iterations (157–257 after 50).
 */
class CoarseGridDoesItLearnTest {

  static final int SIDE = 3;
  static final int HORIZON = 12;
  static final int ITERATIONS = 70;
  static final int TEST_TASKS = 200;
  static final double BAR = 180;
  static final long MASTER_SEED = 1;

  /**
   * The coarse radius in tile spacings of the reference (0.1 on 11x11 is 1.1 spacings): only
   * orthogonally adjacent tiles (1/3 apart in the encoding) may share an abstract state.
   */
  static final double COARSE_RADIUS = 1.1 / SIDE;

  @BeforeAll
  static void singleThreaded() {
    Nd4jThreads.set(1);
  }

  static GridFamily corners() {
    GridParams p = new GridParams(SIDE, 0, 1, 0, 1, 0, 2, 0.0);
    return new GridFamily(
        "3x3_corners",
        p,
        false,
        GridFamily.MIN_RETURN,
        GridFamily.MAX_RETURN,
        GridFamily.MAX_ATTEMPTS,
        COARSE_RADIUS);
  }

  static TrainingSetup setup(long seed) {
    PpoConfig ppo =
        new PpoConfig(
            ITERATIONS,
            32,
            16,
            160,
            8,
            0.99,
            0.3,
            0.2,
            0.01,
            new EntropySchedule(0.04, true, ITERATIONS, 10));
    return new TrainingSetup(corners(), Algorithm.RL3_COARSE, null, HORIZON, ppo, 5e-4, seed);
  }

  /** The evaluation's root seed, derived from the run's master seed. */
  static long evalSeed(TrainingSetup s) {
    return Seeds.derive(s.masterSeed(), "test/coarse-grid-does-it-learn/eval");
  }

  /** Per-task returns of the current actor on the test tasks (stochastic actions). */
  static double[] returns(ActorCritic ac, TrainingSetup s) {
    long seed = evalSeed(s);
    List<Task> tasks = new ArrayList<>(TEST_TASKS);
    Rng[] dynamics = new Rng[TEST_TASKS];
    Rng[] policy = new Rng[TEST_TASKS];
    for (int i = 0; i < TEST_TASKS; i++) {
      tasks.add(s.family().generate(Split.TEST, i, seed));
      dynamics[i] = Seeds.rng(seed, Seeds.ENV_DYNAMICS, i);
      policy[i] = Seeds.rng(seed, Seeds.POLICY, i);
    }
    return RolloutCollector.collect(
            tasks, s.innerEnv(), HORIZON, ac.stepActor(TEST_TASKS), dynamics, policy, false)
        .returns();
  }

  static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  /** Standard error of the mean (sample standard deviation / sqrt(n)). */
  static double standardError(double[] x) {
    double m = mean(x);
    double ss = 0;
    for (double v : x) {
      ss += (v - m) * (v - m);
    }
    return Math.sqrt(ss / (x.length - 1) / x.length);
  }

  /** What one training run reached. */
  record Outcome(
      double random,
      double oracle,
      double untrained,
      double trained,
      double trainedStandardError,
      double pairedGain,
      double pairedStandardError) {}

  static Outcome run(long seed) {
    TrainingSetup s = setup(seed);
    VamdpConfig vamdp = s.resolvedVamdp();
    assertThat(vamdp.isCoarse()).as("RL³-coarse abstracts states").isTrue();
    assertThat(vamdp.clusterRadius()).isEqualTo(COARSE_RADIUS);

    double random = 0;
    double oracle = 0;
    MetaEpisodeRunner runner = new MetaEpisodeRunner();
    for (int i = 0; i < TEST_TASKS; i++) {
      Task t = s.family().generate(Split.TEST, i, evalSeed(s));
      random += runner.play(t, new RandomPolicy(), HORIZON, evalSeed(s), 0).totalReturn();
      oracle += MetaOracle.solve(t, HORIZON).expectedReturn();
    }

    ActorCritic ac = ActorCritic.create(s.networkSpec());
    double[] before = returns(ac, s);
    PpoTrainer.train(ac, s, 1, ITERATIONS, m -> {});
    double[] after = returns(ac, s);
    double[] gain = new double[TEST_TASKS];
    for (int i = 0; i < TEST_TASKS; i++) {
      gain[i] = after[i] - before[i];
    }
    return new Outcome(
        random / TEST_TASKS,
        oracle / TEST_TASKS,
        mean(before),
        mean(after),
        standardError(after),
        mean(gain),
        standardError(gain));
  }

  @Test
  void rl3CoarseLearnsToFindAndRevisitTheGoal() {
    Outcome o = run(MASTER_SEED);
    assertThat(o.oracle()).as("known-goal oracle: a goal every 2 steps").isEqualTo(594.0);
    assertThat(o.random()).as("uniform random policy").isBetween(0.0, 70.0);
    assertThat(o.untrained()).as("untrained network, near random").isBetween(0.0, 70.0);
    assertThat(o.trained())
        .as(
            "RL³-coarse after %d iterations, mean over %d test tasks (%s)",
            ITERATIONS, TEST_TASKS, o)
        .isGreaterThanOrEqualTo(BAR);
    assertThat(o.pairedGain())
        .as("gain over the untrained network on the same tasks (%s)", o)
        .isGreaterThan(5 * o.pairedStandardError());
  }
}
