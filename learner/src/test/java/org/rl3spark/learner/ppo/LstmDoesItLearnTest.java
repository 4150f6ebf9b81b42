package org.rl3spark.learner.ppo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rl3spark.core.ppo.EntropySchedule;
import org.rl3spark.core.task.Split;
import org.rl3spark.learner.dl4j.ActorCritic;
import org.rl3spark.learner.dl4j.Nd4jThreads;
import org.rl3spark.learner.net.Architecture;
import org.rl3spark.learner.net.NetworkSpec;

/**
 * "Does it learn" for RL²-LSTM, on {@link DoesItLearnTest}'s Bernoulli bandits (k = 5, H = 10;
 * random 5.0, greedy ≈ 6.57, Bayes-optimal 6.66): after 80 PPO iterations from master seed 1 the
 * mean return on 500 held-out test tasks (stochastic actions) is at least 5.7.
 *
 * <p>The reference-size LSTM (state 256) costs about 1.8 s per iteration here, so this test trains
 * a smaller one (state 64) with a larger learning rate (2e-3), one minibatch of the 64 sequences
 * and 4 epochs: about 0.3 s per iteration. The bar, 5.7, is 0.7 above random (about 9 standard
 * errors of a 500-task mean, whose per-task standard deviation is about 1.8) and 40 % of the way
 * from random to Bayes-optimal; it is not tuned to a seed: with these settings master seeds 1, 2
 * and 3 reached 6.09, 6.05 and 5.95 at 80 iterations (5.1 at 20 iterations, 5.5–5.6 at 40).
 *
 * <p>History: before ActorCritic dropped a fit's labels before its full-batch outputs, the LSTM
 * graphs reshaped those outputs with the last minibatch's sequence count (LstmStepActorTest's
 * after-training case). With two minibatches of 32 that made the update's KL read 0.63 on average,
 * the actor stop after 1.08 epochs and seed 1 reach 5.63; with the fix the KL is 0.015, the actor
 * runs 2.6 epochs and seed 1 reaches 6.30. One minibatch was never affected.
 */
class LstmDoesItLearnTest {

  static final int ITERATIONS = 80;
  static final double BAR = 5.7;
  static final int STATE = 64;
  static final double LEARNING_RATE = 2e-3;

  @BeforeAll
  static void singleThreaded() {
    Nd4jThreads.set(1);
  }

  /** DoesItLearnTest's family and budget with this test's PPO settings. */
  static TrainingSetup setup(long seed) {
    TrainingSetup base = DoesItLearnTest.setup(Algorithm.RL2_LSTM, seed);
    PpoConfig ppo =
        new PpoConfig(
            ITERATIONS,
            64,
            64,
            160,
            4,
            0.99,
            0.3,
            0.2,
            0.01,
            new EntropySchedule(0.1, true, ITERATIONS, 10));
    return new TrainingSetup(
        base.family(), Algorithm.RL2_LSTM, null, base.horizon(), ppo, LEARNING_RATE, seed);
  }

  /** The setup's spec with an LSTM state of {@link #STATE}. */
  static NetworkSpec smallLstm(TrainingSetup s) {
    NetworkSpec r = s.networkSpec();
    assertThat(r.architecture()).isEqualTo(Architecture.LSTM);
    return new NetworkSpec(
        r.architecture(),
        r.inputSize(),
        r.numActions(),
        r.horizon(),
        r.dModel(),
        r.heads(),
        r.blocks(),
        r.ffSize(),
        STATE,
        r.learningRate(),
        r.criticL2(),
        r.seed());
  }

  @Test
  void rl2LstmReachesTheBarOnBandits() {
    TrainingSetup s = setup(1);
    ActorCritic ac = ActorCritic.create(smallLstm(s));
    List<IterationMetrics> log = new ArrayList<>();
    PpoTrainer.train(ac, s, 1, ITERATIONS, log::add);
    double test = PpoTrainer.evaluate(ac, s, Split.TEST, 500, 250, 99);
    assertThat(log).hasSize(ITERATIONS);
    assertThat(log.get(0).meanReturn()).as("starts near random (5.0)").isBetween(4.3, 5.7);
    assertThat(test).as("rl2_lstm mean test return on 500 bandits").isGreaterThanOrEqualTo(BAR);
  }
}
