package org.rl3spark.learner.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.rl3spark.core.ppo.EntropySchedule;
import org.rl3spark.core.random.Categorical;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.task.Split;
import org.rl3spark.core.task.Task;
import org.rl3spark.envs.bandit.BanditFamily;
import org.rl3spark.learner.dl4j.ActorCritic;
import org.rl3spark.learner.dl4j.Denormals;
import org.rl3spark.learner.dl4j.Nd4jThreads;

/**
 * The KL early stop of {@link PpoUpdate} (reference §5.4): after each epoch in which the actor was
 * fitted, KL(old ‖ new) on the whole batch is computed, and the actor is fitted in no later epoch
 * once it reaches the target; the critic is fitted in every epoch. A counting {@link
 * ActorCritic.Fitter} records which network was fitted, on how many minibatches, in what order.
 *
 * <p>Three updates of identically initialised networks on the same batch: with an unreachable
 * target (the actor runs all 4 epochs; the fitter records the KL after each), a tiny one (the actor
 * stops after epoch 1) and one halfway between the KL after epochs 2 and 3 (it stops after epoch 3,
 * with exactly the parameters the unstopped run had after epoch 3).
 */
class KlEarlyStopTest {

  static final int EPOCHS = 4;
  static final int ENVS = 8;
  static final int HORIZON = 6;

  /**
   * A small learning rate, so that the KL grows epoch by epoch (with 1e-3 Adam's first steps
   * overshoot: the transformer's KL is 0.56 after epoch 1 and falls to 0.07 by epoch 4).
   */
  static final double LR = 3e-5;

  @BeforeAll
  static void singleThreaded() {
    Nd4jThreads.set(1);
  }

  static TrainingSetup setup(Algorithm a, double klTarget) {
    // 8 envs: 2 minibatches of 4 sequences, or 3 shuffled minibatches (20, 20, 8) of the 48 steps.
    PpoConfig ppo =
        new PpoConfig(
            1,
            ENVS,
            4,
            20,
            EPOCHS,
            0.99,
            0.3,
            0.2,
            klTarget,
            new EntropySchedule(0.05, false, 1, 1));
    return new TrainingSetup(new BanditFamily(3), a, null, HORIZON, ppo, LR, 29);
  }

  /** Iteration 1's rollouts with the initial actor. */
  static RolloutBatch rollout(TrainingSetup s, ActorCritic ac) {
    List<Task> tasks = new ArrayList<>();
    Rng[] dynamics = new Rng[ENVS];
    Rng[] policy = new Rng[ENVS];
    for (int e = 0; e < ENVS; e++) {
      tasks.add(s.family().generate(Split.TRAIN, s.taskIndex(1, e), s.masterSeed()));
      dynamics[e] = s.dynamicsRng(1, e);
      policy[e] = s.policyRng(1, e);
    }
    return RolloutCollector.collect(
        tasks, s.innerEnv(), HORIZON, ac.stepActor(ENVS), dynamics, policy, false);
  }

  /** KL(old ‖ current actor) averaged over the batch's positions, as the update computes it. */
  static double kl(ActorCritic ac, RolloutBatch b) {
    float[] now = BatchOutputs.probabilities(ac, b);
    int a = b.numActions();
    double sum = 0;
    for (int i = 0; i < b.envs() * b.horizon(); i++) {
      sum += Categorical.kl(b.probabilities(), i * a, now, i * a, a);
    }
    return sum / (b.envs() * b.horizon());
  }

  static float[] params(ComputationGraph g) {
    return g.params().castTo(DataType.FLOAT).dup('c').data().asFloat();
  }

  /** Fits with {@link ActorCritic.Fitter#LOCAL} and records every call. */
  static final class CountingFitter implements ActorCritic.Fitter {
    final ActorCritic ac;
    final RolloutBatch batch;

    /** "critic×m" or "actor×m" per call, m the number of minibatches. */
    final List<String> calls = new ArrayList<>();

    /** KL after each actor fit. */
    final List<Double> kls = new ArrayList<>();

    /** Actor parameters after each actor fit. */
    final List<float[]> actorParams = new ArrayList<>();

    CountingFitter(ActorCritic ac, RolloutBatch batch) {
      this.ac = ac;
      this.batch = batch;
    }

    @Override
    public double fit(ComputationGraph net, List<MultiDataSet> minibatches) {
      boolean actor = net == ac.actor();
      assertThat(actor || net == ac.critic()).as("fits only this actor-critic's networks").isTrue();
      double score = LOCAL.fit(net, minibatches);
      calls.add((actor ? "actor×" : "critic×") + minibatches.size());
      if (actor) {
        kls.add(kl(ac, batch));
        // as the update leaves them after the epoch: parameters below Denormals' bound are zeroed
        float[] p = params(net);
        for (int i = 0; i < p.length; i++) {
          p[i] = Math.abs(p[i]) < Denormals.PARAMETERS_BELOW ? 0f : p[i];
        }
        actorParams.add(p);
      }
      return score;
    }

    int count(String network) {
      return (int) calls.stream().filter(c -> c.startsWith(network)).count();
    }
  }

  /** The expected calls: the critic in every epoch, the actor in the first {@code actorEpochs}. */
  static List<String> expectedCalls(int actorEpochs, int minibatches) {
    List<String> out = new ArrayList<>();
    for (int e = 0; e < EPOCHS; e++) {
      out.add("critic×" + minibatches);
      if (e < actorEpochs) {
        out.add("actor×" + minibatches);
      }
    }
    return out;
  }

  record Run(UpdateStats stats, CountingFitter fitter, float[] actor, float[] critic) {}

  static Run update(Algorithm a, double klTarget, RolloutBatch b, Advantages adv) {
    TrainingSetup s = setup(a, klTarget);
    ActorCritic ac = ActorCritic.create(s.networkSpec());
    CountingFitter f = new CountingFitter(ac, b);
    UpdateStats u = PpoUpdate.run(ac, b, adv, s.ppo(), 0.05, s.minibatchRng(1), f);
    return new Run(u, f, params(ac.actor()), params(ac.critic()));
  }

  @ParameterizedTest
  @EnumSource(
      value = Algorithm.class,
      names = {"RL2", "RL3_MARKOV"})
  void theActorStopsAfterTheFirstEpochAtTheKlTargetAndTheCriticRunsEveryEpoch(Algorithm a) {
    TrainingSetup s = setup(a, 0.01);
    ActorCritic initial = ActorCritic.create(s.networkSpec());
    RolloutBatch b = rollout(s, initial);
    Advantages adv = Advantages.of(b, BatchOutputs.values(initial, b), 0.99, 0.3);
    int minibatches = a == Algorithm.RL3_MARKOV ? 3 : 2;

    // Unreachable target: all epochs, KL recorded after each.
    Run all = update(a, 1e9, b, adv);
    assertThat(all.stats().epochs()).isEqualTo(EPOCHS);
    assertThat(all.fitter().calls).isEqualTo(expectedCalls(EPOCHS, minibatches));
    List<Double> k = all.fitter().kls;
    assertThat(k).hasSize(EPOCHS);
    assertThat(k.get(0)).as("KL after epoch 1").isGreaterThan(0);
    for (int e = 1; e < EPOCHS; e++) {
      // A precondition of the halfway target below, true of this setup.
      assertThat(k.get(e)).as("KL grows epoch by epoch: %s", k).isGreaterThan(k.get(e - 1));
    }
    assertThat(all.stats().approxKl())
        .as("reported KL is the last epoch's")
        .isCloseTo(k.get(EPOCHS - 1), within(1e-12));

    // Tiny target: the KL after epoch 1 already reaches it.
    Run first = update(a, 1e-12, b, adv);
    assertThat(first.stats().epochs()).isEqualTo(1);
    assertThat(first.fitter().calls).isEqualTo(expectedCalls(1, minibatches));
    assertThat(first.fitter().count("actor")).isEqualTo(1);
    assertThat(first.fitter().count("critic")).isEqualTo(EPOCHS);
    assertThat(first.stats().approxKl()).isCloseTo(k.get(0), within(1e-12));
    assertThat(first.actor())
        .as("actor = the unstopped run's after epoch 1")
        .isEqualTo(all.fitter().actorParams.get(0));

    // Halfway between the KL after epochs 2 and 3: epoch 2 is below it, epoch 3 reaches it.
    double mid = (k.get(1) + k.get(2)) / 2;
    Run third = update(a, mid, b, adv);
    assertThat(third.stats().epochs()).isEqualTo(3);
    assertThat(third.fitter().calls).isEqualTo(expectedCalls(3, minibatches));
    assertThat(third.stats().approxKl())
        .isCloseTo(k.get(2), within(1e-12))
        .isGreaterThanOrEqualTo(mid);
    assertThat(third.actor())
        .as("actor = the unstopped run's after epoch 3")
        .isEqualTo(all.fitter().actorParams.get(2));

    // The critic never depends on the actor's stop: same parameters after all 4 epochs.
    assertThat(first.critic()).isEqualTo(all.critic());
    assertThat(third.critic()).isEqualTo(all.critic());
    assertThat(all.critic()).as("the critic was trained").isNotEqualTo(params(initial.critic()));
  }
}
