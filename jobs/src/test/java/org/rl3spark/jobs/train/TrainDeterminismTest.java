package org.rl3spark.jobs.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rl3spark.core.ppo.EntropySchedule;
import org.rl3spark.envs.bandit.BanditFamily;
import org.rl3spark.jobs.SparkTestSessions;
import org.rl3spark.jobs.TestConfigs;
import org.rl3spark.jobs.config.LoadedConfig;
import org.rl3spark.learner.dl4j.ActorCritic;
import org.rl3spark.learner.dl4j.GraphPool;
import org.rl3spark.learner.dl4j.Nd4jThreads;
import org.rl3spark.learner.ppo.Advantages;
import org.rl3spark.learner.ppo.Algorithm;
import org.rl3spark.learner.ppo.BatchOutputs;
import org.rl3spark.learner.ppo.EpochFitter;
import org.rl3spark.learner.ppo.PpoConfig;
import org.rl3spark.learner.ppo.PpoUpdate;
import org.rl3spark.learner.ppo.RolloutBatch;
import org.rl3spark.learner.ppo.TrainingSetup;

/**
 * R15: parameter averaging with one worker gives the parameters of the single-process update, and
 * with two workers is deterministic, also when workers lose their pooled graphs; and an iteration's
 * rollouts are the same on local[1] and local[2] with any number of partitions.
 */
class TrainDeterminismTest {

  @TempDir Path dir;

  static TrainingSetup setup(Algorithm a) {
    PpoConfig ppo =
        new PpoConfig(3, 6, 2, 16, 3, 0.99, 0.3, 0.2, 1.0, new EntropySchedule(0.05, false, 3, 10));
    return new TrainingSetup(new BanditFamily(3), a, null, 8, ppo, 1e-3, 11);
  }

  static float[] update(TrainingSetup s, EpochFitter fitter) {
    return updates(s, fitter, 1, () -> {});
  }

  /** {@code count} updates of fresh networks, each on the batch its actor plays; then both. */
  static float[] updates(TrainingSetup s, EpochFitter fitter, int count, Runnable between) {
    ActorCritic ac = ActorCritic.create(s.networkSpec());
    for (int i = 1; i <= count; i++) {
      if (i > 1) {
        between.run();
      }
      RolloutWork w = new RolloutWork(s, ac.stepActors(), i, false, 1, -1, "");
      RolloutBatch b = w.play(new int[] {0, 1, 2, 3, 4, 5});
      Advantages adv = Advantages.of(b, BatchOutputs.values(ac, b), 0.99, 0.3);
      PpoUpdate.run(ac, b, adv, s.ppo(), 0.05, s.minibatchRng(i), fitter);
    }
    float[] actor = ac.actor().params().dup().data().asFloat();
    float[] critic = ac.critic().params().dup().data().asFloat();
    float[] both = new float[actor.length + critic.length];
    System.arraycopy(actor, 0, both, 0, actor.length);
    System.arraycopy(critic, 0, both, actor.length, critic.length);
    return both;
  }

  @Test
  void oneWorkerAveragingEveryMinibatchIsTheSingleProcessUpdate() {
    Nd4jThreads.set(1);
    SparkSession spark = SparkTestSessions.start("local[2]");
    try {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      for (Algorithm a : List.of(Algorithm.RL3, Algorithm.RL3_MARKOV)) {
        TrainingSetup s = setup(a);
        float[] local = update(s, EpochFitter.LOCAL);
        float[] averaged = update(s, new ParameterAveragingFitter(jsc, 1, 1, 1));
        assertThat(averaged).as(a.id()).isEqualTo(local);
        // One worker averaging every 2 minibatches (local SGD of one) is the same fit.
        assertThat(update(s, new ParameterAveragingFitter(jsc, 1, 2, 1)))
            .as(a.id())
            .isEqualTo(local);
        // Two workers average two different fits: other parameters (the test can fail).
        float[] two = update(s, new ParameterAveragingFitter(jsc, 2, 1, 1));
        assertThat(two).as(a.id()).isNotEqualTo(local);
      }
    } finally {
      SparkTestSessions.stop(spark);
    }
  }

  /**
   * Two workers, averaging every minibatch and every 2: two runs give the same parameters, and a
   * run whose workers lose their pooled graphs between the updates (as a lost executor would) gives
   * the parameters of a run whose workers keep them.
   */
  @Test
  void twoWorkersAreDeterministicAndALostGraphIsRebuiltToTheSameResult() {
    Nd4jThreads.set(1);
    SparkSession spark = SparkTestSessions.start("local[2]");
    try {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      TrainingSetup s = setup(Algorithm.RL3);
      for (int frequency : new int[] {1, 2}) {
        float[] first = updates(s, new ParameterAveragingFitter(jsc, 2, frequency, 1), 2, () -> {});
        float[] again = updates(s, new ParameterAveragingFitter(jsc, 2, frequency, 1), 2, () -> {});
        float[] lost =
            updates(s, new ParameterAveragingFitter(jsc, 2, frequency, 1), 2, GraphPool::clear);
        assertThat(again).as("frequency %d, run twice", frequency).isEqualTo(first);
        assertThat(lost).as("frequency %d, pooled graphs lost", frequency).isEqualTo(first);
      }
      float[] local = updates(s, EpochFitter.LOCAL, 2, () -> {});
      assertThat(updates(s, new ParameterAveragingFitter(jsc, 2, 1, 1), 2, () -> {}))
          .isNotEqualTo(local);
    } finally {
      SparkTestSessions.stop(spark);
    }
  }

  /**
   * The trajectories of iterations 1 and 2 of a tiny run of 40 envs on a master with some
   * partitions.
   */
  List<String> trajectories(String master, int partitions, String... extra) throws Exception {
    SparkSession spark = SparkTestSessions.start(master);
    try {
      String tag =
          master.replaceAll("\\W", "")
              + "-"
              + partitions
              + "-"
              + String.join("", extra).replaceAll("\\W", "");
      Path out = dir.resolve(tag);
      List<String> sets =
          new ArrayList<>(
              List.of(
                  "train.iterations=2",
                  "train.envs=40",
                  "train.rollout-partitions=" + partitions,
                  "output.dir=\"" + out + "\""));
      sets.addAll(List.of(extra));
      LoadedConfig config =
          TestConfigs.load(dir.resolve("c-" + tag), TrainJobTest.CONF, sets.toArray(String[]::new));
      Path run = Path.of(new TrainJob().run(TestConfigs.context(spark, config, TrainJob.NAME)));
      List<Row> rows =
          spark.read().parquet(run.resolve(TrainJob.TRAJECTORIES).toString()).collectAsList();
      List<String> out2 = new ArrayList<>();
      for (Row r : rows) {
        out2.add(
            r.getAs("iteration")
                + "/"
                + r.getAs("env")
                + " "
                + r.getAs("task_index")
                + " "
                + r.getAs("return")
                + " "
                + r.getList(r.fieldIndex("observations"))
                + " "
                + r.getList(r.fieldIndex("actions"))
                + " "
                + r.getList(r.fieldIndex("probabilities")));
      }
      out2.sort(Comparator.naturalOrder());
      return out2;
    } finally {
      SparkTestSessions.stop(spark);
    }
  }

  /** Every algorithm but RL2-LSTM (whose DL4J LSTM step rounds by batch; see the README). */
  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {"rl2", "rl3", "rl3_markov", "rl3_coarse"})
  void rolloutsAreTheSameOnOneAndTwoCoresWithAnyPartitioning(String algorithm) throws Exception {
    Nd4jThreads.set(1);
    List<String> sets = new ArrayList<>(List.of("train.algorithm=" + algorithm));
    if (algorithm.equals("rl3_coarse")) {
      sets.addAll(List.of("train.family=gridworld", "family.gridworld.variant=\"11x11\""));
    }
    String[] extra = sets.toArray(String[]::new);
    List<String> one = trajectories("local[1]", 1, extra);
    List<String> two = trajectories("local[2]", 3, extra);
    List<String> eight = trajectories("local[2]", 8, extra);
    assertThat(one).hasSize(80); // 40 envs: one actor of 40 (two BLAS chunks), 14, 5 envs
    assertThat(two).isEqualTo(one);
    assertThat(eight).isEqualTo(one);
  }
}
