package org.rl3spark.jobs.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rl3spark.core.ppo.EntropySchedule;
import org.rl3spark.envs.bandit.BanditFamily;
import org.rl3spark.jobs.SparkTestSessions;
import org.rl3spark.learner.dl4j.ActorCritic;
import org.rl3spark.learner.dl4j.Nd4jThreads;
import org.rl3spark.learner.ppo.Advantages;
import org.rl3spark.learner.ppo.Algorithm;
import org.rl3spark.learner.ppo.BatchOutputs;
import org.rl3spark.learner.ppo.EpochFitter;
import org.rl3spark.learner.ppo.PpoConfig;
import org.rl3spark.learner.ppo.PpoUpdate;
import org.rl3spark.learner.ppo.RolloutBatch;
import org.rl3spark.learner.ppo.TrainingSetup;
import org.rl3spark.learner.ppo.UpdateData;
import org.rl3spark.learner.ppo.UpdateStats;

/**
 * The KL early stop of a parameter-averaged update, measured on the workers: with one worker the
 * update is the local one, statistics and parameters bit for bit, wherever the actor stops and for
 * any averaging frequency; with two workers the actor stops at the first check that reaches the
 * target and the actor steps the workers took speculatively in that round are dropped.
 */
class ParameterAveragingFitterTest {

  static final int EPOCHS = 3;
  static SparkSession spark;
  static JavaSparkContext jsc;

  @BeforeAll
  static void start() {
    Nd4jThreads.set(1);
    spark = SparkTestSessions.start("local[2]");
    jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
  }

  @AfterAll
  static void stop() {
    SparkTestSessions.stop(spark);
  }

  /** 8 envs of H = 8: 4 minibatches of 2 sequences, or 4 shuffled ones of 16 steps (Markov). */
  static TrainingSetup setup(Algorithm a, int epochs, double klTarget) {
    PpoConfig ppo =
        new PpoConfig(
            1, 8, 2, 16, epochs, 0.99, 0.3, 0.2, klTarget, new EntropySchedule(0.05, false, 1, 1));
    return new TrainingSetup(new BanditFamily(3), a, null, 8, ppo, 1e-3, 17);
  }

  record Run(UpdateStats stats, float[] actor, float[] critic, ActorCritic ac, RolloutBatch b) {}

  /** One update of fresh networks on the batch their actor plays. */
  static Run update(TrainingSetup s, EpochFitter fitter) {
    ActorCritic ac = ActorCritic.create(s.networkSpec());
    RolloutWork w = new RolloutWork(s, ac.stepActors(), 1, false, 1, -1, "");
    RolloutBatch b = w.play(new int[] {0, 1, 2, 3, 4, 5, 6, 7});
    Advantages adv = Advantages.of(b, BatchOutputs.values(ac, b), 0.99, 0.3);
    UpdateStats u = PpoUpdate.run(ac, b, adv, s.ppo(), 0.05, s.minibatchRng(1), fitter);
    return new Run(
        u,
        ac.actor().params().dup().data().asFloat(),
        ac.critic().params().dup().data().asFloat(),
        ac,
        b);
  }

  @Test
  void oneWorkerIsTheLocalUpdateWhereverTheActorStops() {
    for (Algorithm a : List.of(Algorithm.RL3, Algorithm.RL3_MARKOV)) {
      // The KL after epoch 2 of an unstopped update: as a target it stops the actor at epoch 2
      // (or at epoch 1 if the KL after epoch 1 is larger).
      double kl2 = update(setup(a, 2, 1e9), EpochFitter.LOCAL).stats().approxKl();
      for (double target : new double[] {1e9, 1e-12, kl2}) {
        TrainingSetup s = setup(a, EPOCHS, target);
        Run local = update(s, EpochFitter.LOCAL);
        if (target == 1e9) {
          assertThat(local.stats().epochs()).as("%s never stops", a).isEqualTo(EPOCHS);
        } else if (target == 1e-12) {
          assertThat(local.stats().epochs()).as("%s stops after epoch 1", a).isEqualTo(1);
        }
        // frequency 3: rounds of 3 and 1 minibatches; 4: one round per epoch
        for (int frequency : new int[] {1, 3, 4}) {
          Run one = update(s, new ParameterAveragingFitter(jsc, 1, frequency, 1));
          String what = a + ", target " + target + ", frequency " + frequency;
          assertThat(one.stats()).as(what).isEqualTo(local.stats());
          assertThat(one.actor()).as(what).isEqualTo(local.actor());
          assertThat(one.critic()).as(what).isEqualTo(local.critic());
        }
      }
    }
  }

  @Test
  void twoWorkersStopTheActorAtTheTargetAndDropItsSpeculativeSteps() {
    for (int frequency : new int[] {1, 2}) {
      String what = "frequency " + frequency;
      ParameterAveragingFitter stopped = new ParameterAveragingFitter(jsc, 2, frequency, 1);
      Run tiny = update(setup(Algorithm.RL3, EPOCHS, 1e-12), stopped);
      assertThat(tiny.stats().epochs()).as(what).isEqualTo(1);
      // The critic's rounds in every epoch; the actor's in epoch 1 and the first round of epoch 2,
      // whose check stops it; the final statistics are that check's (no extra job).
      int roundsPerEpoch = 4 / (2 * frequency);
      assertThat(stopped.times().rounds())
          .as(what)
          .isEqualTo(EPOCHS * roundsPerEpoch + roundsPerEpoch + 1);

      // The actor as after one epoch, the critic as after three.
      Run oneEpoch =
          update(setup(Algorithm.RL3, 1, 1e9), new ParameterAveragingFitter(jsc, 2, frequency, 1));
      ParameterAveragingFitter unstopped = new ParameterAveragingFitter(jsc, 2, frequency, 1);
      Run all = update(setup(Algorithm.RL3, EPOCHS, 1e9), unstopped);
      assertThat(tiny.actor()).as(what).isEqualTo(oneEpoch.actor());
      assertThat(tiny.critic()).as(what).isEqualTo(all.critic());
      assertThat(all.actor()).as(what).isNotEqualTo(oneEpoch.actor());
      // Unstopped: every round of both networks, and one more job for the final statistics.
      assertThat(unstopped.times().rounds()).as(what).isEqualTo(2 * EPOCHS * roundsPerEpoch + 1);

      // The workers' statistics, summed over their shares, are the driver's of the same actor, to
      // float rounding: a worker runs the actor on its 4 envs, the driver on all 8, and OpenBLAS
      // may sum a product of another size in another order (it does on AMD EPYC).
      for (Run r : new Run[] {tiny, all}) {
        UpdateData d =
            UpdateData.of(r.b(), Advantages.of(r.b(), new float[8 * 9], 0.99, 0.3), 0.05, false);
        var driver = d.stats(BatchOutputs.probabilities(r.ac(), r.b()), 0, 8, 0.2);
        assertThat(r.stats().approxKl()).as(what).isCloseTo(driver.kl(), within(1e-7));
        assertThat(r.stats().entropy()).as(what).isCloseTo(driver.entropy(), within(1e-6));
        assertThat(r.stats().clipFraction()).as(what).isEqualTo(driver.clipFraction());
      }
    }
  }
}
