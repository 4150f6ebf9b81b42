package org.rl3spark.learner.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.random.Seeds;
import org.rl3spark.core.task.Split;
import org.rl3spark.core.task.Task;
import org.rl3spark.learner.infer.StepActor;
import org.rl3spark.learner.ppo.Algorithm;
import org.rl3spark.learner.ppo.PpoTrainer;
import org.rl3spark.learner.ppo.RolloutBatch;
import org.rl3spark.learner.ppo.RolloutCollector;
import org.rl3spark.learner.ppo.TrainingSetup;

/**
 * The RL²-LSTM step actor ({@link LstmStepActor}, DL4J's {@code rnnTimeStep}) used in rollouts
 * gives, at every step of a meta-episode, the action probabilities that the full actor graph gives
 * on the whole sequence ({@link ActorCritic#probabilities}, which the PPO update's ratio and KL
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

  /** One meta-episode per test task, played by {@code actor}. */
  static RolloutBatch rollout(TrainingSetup s, StepActor actor, long seed) {
    int count = actor.batchSize();
    List<Task> tasks = new ArrayList<>(count);
    Rng[] dynamics = new Rng[count];
    Rng[] policy = new Rng[count];
    for (int e = 0; e < count; e++) {
      tasks.add(s.family().generate(Split.TEST, e, seed));
      dynamics[e] = Seeds.rng(seed, Seeds.ENV_DYNAMICS, Seeds.hash("test/step-actor"), e);
      policy[e] = Seeds.rng(seed, Seeds.POLICY, Seeds.hash("test/step-actor"), e);
    }
    return RolloutCollector.collect(tasks, s.innerEnv(), s.horizon(), actor, dynamics, policy,
        false);
  }

  /** Largest |a − b| over every env, step and action. */
  static double maxDifference(float[] a, float[] b) {
    assertThat(a).hasSameSizeAs(b);
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  /** Largest |p − 1/n|: how far from uniform the probabilities are. */
  static double maxDeviationFromUniform(float[] p, int n) {
    double max = 0;
    for (float x : p) {
      max = Math.max(max, Math.abs(x - 1.0 / n));
    }
    return max;
  }

  /**
   * Plays two rollouts with one step actor over {@code envs} envs (the second checks that {@code
   * reset()} clears the state the first left) and compares each step's probabilities with the
   * full graph's on the recorded sequences.
   */
  static void assertStepActorMatchesGraph(ActorCritic ac, TrainingSetup s, int envs) {
    StepActor actor = ac.stepActor(envs);
    assertThat(actor).isInstanceOf(LstmStepActor.class);
    for (long seed : new long[] {31, 32}) {
      RolloutBatch b = rollout(s, actor, seed);
      float[] graph = ac.probabilities(b);
      assertThat(maxDeviationFromUniform(b.probabilities(), b.numActions()))
          .as("the policy is not uniform (else the comparison would be vacuous)")
          .isGreaterThan(0.02);
      assertThat(maxDifference(b.probabilities(), graph))
          .as("max |p_step − p_graph| over %d envs × %d steps × %d actions (rollout seed %d)",
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
    PpoTrainer.train(ac, s, 1, 2, m -> { });
    int envs = s.ppo().envs();
    RolloutBatch b = rollout(s, ac.stepActor(envs), 31);
    float[] graph = ac.probabilities(b);
    float[] values = ac.values(b);
    float[] reference = ActorCritic.of(ac.spec(), rebuilt(ac.actor()), rebuilt(ac.critic()))
        .values(b);

    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(maxDeviationFromUniform(b.probabilities(), b.numActions()))
        .as("the policy is not uniform (else the comparison would be vacuous)")
        .isGreaterThan(0.02);
    soft.assertThat(maxDifference(b.probabilities(), graph))
        .as("trained: max |p_step − p_graph| over %d envs × %d steps × %d actions", envs,
            b.horizon(), b.numActions())
        .isLessThanOrEqualTo(TOLERANCE);
    soft.assertThat(maxDifference(values, reference))
        .as("trained: max |V_critic − V_same parameters in a new graph| over %d envs × %d"
            + " positions", envs, b.horizon() + 1)
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
