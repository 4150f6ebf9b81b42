package org.rl3spark.learner.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rl3spark.learner.ppo.StepActorRollouts.maxDeviationFromUniform;
import static org.rl3spark.learner.ppo.StepActorRollouts.maxDifference;
import static org.rl3spark.learner.ppo.StepActorRollouts.rollout;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rl3spark.core.ppo.EntropySchedule;
import org.rl3spark.envs.bandit.BanditFamily;
import org.rl3spark.learner.dl4j.ActorCritic;
import org.rl3spark.learner.dl4j.Nd4jThreads;
import org.rl3spark.learner.ppo.Algorithm;
import org.rl3spark.learner.ppo.BatchOutputs;
import org.rl3spark.learner.ppo.PpoConfig;
import org.rl3spark.learner.ppo.PpoTrainer;
import org.rl3spark.learner.ppo.RolloutBatch;
import org.rl3spark.learner.ppo.TrainingSetup;

/**
 * The RL³-Markov step actor ({@link MlpStepActor}, from {@link StepActorFactory#mlp}) gives at
 * every step of a meta-episode the action probabilities of the DL4J actor graph on that step's
 * observation ({@link BatchOutputs#probabilities}), both batched (rollouts, BLAS for the 256-wide
 * layers) and one meta-episode at a time (the evaluate job's {@code createSingle}).
 */
class MlpStepActorTest {

  /**
   * Float products in another order (Java loop or BLAS vs DL4J's gemm); the observed difference is
   * below 1e-7.
   */
  static final double TOLERANCE = 1e-6;

  static final int ENVS = 16;

  @BeforeAll
  static void singleThreaded() {
    Nd4jThreads.set(1);
  }

  /** Bernoulli bandits k = 3, H = 6, 16 envs per iteration (RL³-Markov reads the VAMDP). */
  static TrainingSetup setup() {
    PpoConfig ppo =
        new PpoConfig(
            3, ENVS, 4, 24, 2, 0.99, 0.3, 0.2, 0.01, new EntropySchedule(0.1, true, 3, 1));
    return new TrainingSetup(new BanditFamily(3), Algorithm.RL3_MARKOV, null, 6, ppo, 1e-3, 23);
  }

  @ParameterizedTest(name = "after {0} PPO iterations")
  @ValueSource(ints = {0, 3})
  void stepActorMatchesTheGraphAtEveryStep(int iterations) {
    TrainingSetup s = setup();
    ActorCritic ac = ActorCritic.create(s.networkSpec());
    if (iterations > 0) {
      PpoTrainer.train(ac, s, 1, iterations, m -> {});
    }
    StepActorFactory factory = ac.stepActors();

    StepActor batched = factory.create(ENVS);
    assertThat(batched).isInstanceOf(MlpStepActor.class);
    RolloutBatch b = rollout(s, batched, 0, 41);
    float[] graph = BatchOutputs.probabilities(ac, b);
    assertThat(maxDeviationFromUniform(graph, b.numActions()))
        .as("the policy is not uniform (else the comparison would be vacuous)")
        .isGreaterThan(0.02);
    assertThat(maxDifference(b.probabilities(), graph))
        .as(
            "batched: max |p_step − p_graph| over %d envs × %d steps × %d actions",
            ENVS, b.horizon(), b.numActions())
        .isLessThanOrEqualTo(TOLERANCE);

    StepActor single = factory.createSingle();
    for (int e = 0; e < 4; e++) {
      RolloutBatch one = rollout(s, single, e, 42);
      assertThat(maxDifference(one.probabilities(), BatchOutputs.probabilities(ac, one)))
          .as("single, env %d: max |p_step − p_graph| over %d steps", e, one.horizon())
          .isLessThanOrEqualTo(TOLERANCE);
    }
  }
}
