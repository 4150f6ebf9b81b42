package org.rl3spark.jobs.train;

import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
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

/**
 * Not a test: the small-batch breakdown of BENCHMARKS.md ("Distributed fit"), run only with {@code
 * -Drl3.fit-breakdown=true}. Bandits k = 5, H = 100, RL³, {@code rl3.fit-breakdown.envs}
 * meta-episodes (default 32) in 8 minibatches, 8 epochs of critic and actor (KL target out of
 * reach, so every update does the same work), one warm-up update and {@code
 * rl3.fit-breakdown.updates} timed ones per fitter, on {@code rl3.fit-breakdown.master}: the local
 * fit, then per averaging frequency of {@code rl3.fit-breakdown.frequencies} the old dl4j-spark
 * fitter (with {@code -Drl3.fit-breakdown.dl4j-spark=true}; its statistics need {@code
 * -Dorg.deeplearning4j.spark.time.TimeSource=org.deeplearning4j.spark.time.SystemClockTimeSource}
 * where no NTP server answers) and {@link ParameterAveragingFitter}.
 */
@EnabledIfSystemProperty(named = "rl3.fit-breakdown", matches = "true")
class FitBreakdownRun {

  @Test
  void breakdown() {
    int envs = Integer.getInteger("rl3.fit-breakdown.envs", 32);
    int updates = Integer.getInteger("rl3.fit-breakdown.updates", 3);
    String master = System.getProperty("rl3.fit-breakdown.master", "local[2]");
    int[] frequencies =
        java.util.Arrays.stream(
                System.getProperty("rl3.fit-breakdown.frequencies", "1,4").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    Nd4jThreads.set(1);
    PpoConfig ppo =
        new PpoConfig(
            1,
            envs,
            Math.max(1, envs / 8),
            64,
            8,
            0.99,
            0.3,
            0.2,
            1e9,
            new EntropySchedule(0.05, false, 1, 1));
    TrainingSetup s =
        new TrainingSetup(new BanditFamily(5), Algorithm.RL3, null, 100, ppo, 3e-4, 7);
    RolloutWork w =
        new RolloutWork(s, ActorCritic.create(s.networkSpec()).stepActors(), 1, false, 1, -1, "");
    int[] ids = new int[envs];
    for (int i = 0; i < envs; i++) {
      ids[i] = i;
    }
    RolloutBatch b = w.play(ids);
    SparkSession spark = SparkTestSessions.start(master);
    try {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      time("local, one thread", s, b, updates, EpochFitter.LOCAL, null);
      for (int f : frequencies) {
        if (Boolean.getBoolean("rl3.fit-breakdown.dl4j-spark")) {
          Dl4jSparkAveragingFitter before = new Dl4jSparkAveragingFitter(jsc, 2, f, 3);
          time(
              "before (dl4j-spark), 2 workers, frequency " + f,
              s,
              b,
              updates,
              EpochFitter.of(before),
              before);
        }
        ParameterAveragingFitter after = new ParameterAveragingFitter(jsc, 2, f, 1);
        time("parameter averaging, 2 workers, frequency " + f, s, b, updates, after, after);
      }
    } finally {
      SparkTestSessions.stop(spark);
    }
  }

  private static void time(
      String what,
      TrainingSetup s,
      RolloutBatch b,
      int updates,
      EpochFitter fitter,
      Object statistics) {
    ActorCritic ac = ActorCritic.create(s.networkSpec());
    update(ac, s, b, fitter);
    reset(statistics);
    long t0 = System.nanoTime();
    for (int i = 0; i < updates; i++) {
      update(ac, s, b, fitter);
    }
    double per = (System.nanoTime() - t0) / 1e9 / updates;
    System.out.printf(
        Locale.ROOT,
        "fit-breakdown: %s: %.3f s per update (%d envs, %d updates)%n",
        what,
        per,
        b.envs(),
        updates);
    report(statistics, updates);
  }

  private static void update(ActorCritic ac, TrainingSetup s, RolloutBatch b, EpochFitter fitter) {
    Advantages adv = Advantages.of(b, BatchOutputs.values(ac, b), 0.99, 0.3);
    PpoUpdate.run(ac, b, adv, s.ppo(), 0.05, s.minibatchRng(1), fitter);
  }

  private static void reset(Object statistics) {
    if (statistics instanceof ParameterAveragingFitter p) {
      p.times().reset();
    } else if (statistics instanceof Dl4jSparkAveragingFitter d) {
      d.resetStats();
    }
  }

  private static void report(Object statistics, int updates) {
    if (statistics instanceof ParameterAveragingFitter p) {
      System.out.println("fit-breakdown: per update: " + p.times().summary(updates));
    } else if (statistics instanceof Dl4jSparkAveragingFitter d) {
      System.out.println("fit-breakdown: dl4j-spark's statistics over all updates:\n" + d.stats());
    }
  }
}
