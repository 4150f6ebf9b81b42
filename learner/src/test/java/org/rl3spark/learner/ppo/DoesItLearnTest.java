package org.rl3spark.learner.ppo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rl3spark.core.ppo.EntropySchedule;
import org.rl3spark.core.task.Split;
import org.rl3spark.envs.bandit.BanditFamily;
import org.rl3spark.learner.dl4j.ActorCritic;
import org.rl3spark.learner.dl4j.Nd4jThreads;

/**
 * "Does it learn": on Bernoulli bandits (k = 5, H = 10; random 5.0, greedy ≈ 6.57, Bayes-optimal
 * 6.66) each algorithm, trained with PPO for a fixed number of iterations from fixed seeds, reaches
 * a mean return of at least 6.3 on 500 held-out test tasks (stochastic actions, as the reference
 * evaluates). The iteration count is not tuned to a seed: at 100 iterations RL² reached 6.38, 6.30
 * and 6.36 with master seeds 1, 2, 3 and RL³ 6.45 and 6.47 with seeds 1, 2, so 150 leaves a margin.
 */
class DoesItLearnTest {

  static final int ITERATIONS = 150;
  static final double BAR = 6.3;

  @BeforeAll
  static void singleThreaded() {
    Nd4jThreads.set(1);
  }

  static TrainingSetup setup(Algorithm a, long seed) {
    PpoConfig ppo =
        new PpoConfig(
            ITERATIONS,
            64,
            32,
            160,
            8,
            0.99,
            0.3,
            0.2,
            0.01,
            new EntropySchedule(0.1, true, ITERATIONS, 10));
    return new TrainingSetup(new BanditFamily(5), a, null, 10, ppo, 3e-4, seed);
  }

  @ParameterizedTest
  @EnumSource(
      value = Algorithm.class,
      names = {"RL2", "RL3", "RL3_MARKOV"})
  void reachesTheBarOnBandits(Algorithm a) {
    TrainingSetup s = setup(a, 1);
    ActorCritic ac = ActorCritic.create(s.networkSpec());
    List<IterationMetrics> log = new ArrayList<>();
    PpoTrainer.train(ac, s, 1, ITERATIONS, log::add);
    double test = PpoTrainer.evaluate(ac, s, Split.TEST, 500, 250, 99);
    assertThat(log).hasSize(ITERATIONS);
    assertThat(log.get(0).meanReturn()).as("starts near random (5.0)").isBetween(4.3, 5.7);
    assertThat(test).as("%s mean test return on 500 bandits", a.id()).isGreaterThanOrEqualTo(BAR);
  }
}
