package org.rl3spark.learner.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rl3spark.learner.ppo.StepActorRollouts.maxDeviationFromUniform;
import static org.rl3spark.learner.ppo.StepActorRollouts.maxDifference;
import static org.rl3spark.learner.ppo.StepActorRollouts.rollout;

import org.assertj.core.api.SoftAssertions;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rl3spark.learner.infer.StepActor;
import org.rl3spark.learner.ppo.Algorithm;
import org.rl3spark.learner.ppo.BatchOutputs;
import org.rl3spark.learner.ppo.PpoTrainer;
import org.rl3spark.learner.ppo.RolloutBatch;
import org.rl3spark.learner.ppo.TrainingSetup;

/**
 * The RL²-LSTM step actor ({@link LstmStepActor}, DL4J's {@code rnnTimeStep}) used in rollouts
 * gives, at every step of a meta-episode, the action probabilities that the full actor graph gives
 * on the whole sequence ({@link BatchOutputs#probabilities}, which the PPO update's ratio and KL
 * use).
 */
class LstmStepActorTest {

  /**
   * Both paths are float LSTMs over the same weights and differ only in how BLAS batches the
   * products; the observed difference is below 1e-7.
   */
  static final double TOLERANCE = 1e-6;

  @BeforeAll
  static void singleThreaded() {
    Nd4jThreads.set(1);
  }

  /**
   * Plays two rollouts with one step actor over {@code envs} envs (the second checks that {@code
   * reset()} clears the state the first left) and compares each step's probabilities with the full
   * graph's on the recorded sequences.
   */
  static void assertStepActorMatchesGraph(ActorCritic ac, TrainingSetup s, int envs) {
    StepActor actor = ac.stepActor(envs);
    assertThat(actor).isInstanceOf(LstmStepActor.class);
    for (long seed : new long[] {31, 32}) {
      RolloutBatch b = rollout(s, actor, 0, seed);
      float[] graph = BatchOutputs.probabilities(ac, b);
      assertThat(maxDeviationFromUniform(b.probabilities(), b.numActions()))
          .as("the policy is not uniform (else the comparison would be vacuous)")
          .isGreaterThan(0.02);
      assertThat(maxDifference(b.probabilities(), graph))
          .as(
              "max |p_step − p_graph| over %d envs × %d steps × %d actions (rollout seed %d)",
              envs, b.horizon(), b.numActions(), seed)
          .isLessThanOrEqualTo(TOLERANCE);
    }
  }

  @Test
  void stepActorMatchesTheFullGraphOfFreshNetworks() {
    TrainingSetup s = CheckpointTest.setup(Algorithm.RL2_LSTM);
    ActorCritic ac = ActorCritic.create(s.networkSpec());
    assertStepActorMatchesGraph(ac, s, s.ppo().envs());
  }

  /**
   * The same after PPO iterations: the graphs have been fitted (on minibatches of 4 sequences) and
   * are then asked for the probabilities and values of a batch of 8 sequences, as every PPO update
   * does for its KL and every iteration for its critic values. The critic's reference is a new
   * graph holding the trained parameters (the step actor has no critic).
   */
  @Test
  void stepActorMatchesTheFullGraphAfterTraining() {
    TrainingSetup s = CheckpointTest.setup(Algorithm.RL2_LSTM);
    ActorCritic ac = ActorCritic.create(s.networkSpec());
    PpoTrainer.train(ac, s, 1, 2, m -> {});
    int envs = s.ppo().envs();
    RolloutBatch b = rollout(s, ac.stepActor(envs), 0, 31);
    float[] graph = BatchOutputs.probabilities(ac, b);
    float[] values = BatchOutputs.values(ac, b);
    float[] reference =
        BatchOutputs.values(
            ActorCritic.of(ac.spec(), rebuilt(ac.actor()), rebuilt(ac.critic())), b);

    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(maxDeviationFromUniform(b.probabilities(), b.numActions()))
        .as("the policy is not uniform (else the comparison would be vacuous)")
        .isGreaterThan(0.02);
    soft.assertThat(maxDifference(b.probabilities(), graph))
        .as(
            "trained: max |p_step − p_graph| over %d envs × %d steps × %d actions",
            envs, b.horizon(), b.numActions())
        .isLessThanOrEqualTo(TOLERANCE);
    soft.assertThat(maxDifference(values, reference))
        .as(
            "trained: max |V_critic − V_same parameters in a new graph| over %d envs × %d"
                + " positions",
            envs, b.horizon() + 1)
        .isLessThanOrEqualTo(TOLERANCE);
    soft.assertAll();
  }

  /** A new graph of the same configuration holding the same parameters. */
  static ComputationGraph rebuilt(ComputationGraph g) {
    ComputationGraph copy = Networks.init(g.getConfiguration().clone());
    copy.setParams(g.params().dup());
    return copy;
  }
}
