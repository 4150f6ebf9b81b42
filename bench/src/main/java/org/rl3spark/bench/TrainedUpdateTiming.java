package org.rl3spark.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rl3spark.core.ppo.EntropySchedule;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.task.Split;
import org.rl3spark.core.task.Task;
import org.rl3spark.envs.bandit.BanditFamily;
import org.rl3spark.learner.dl4j.ActorCritic;
import org.rl3spark.learner.dl4j.Checkpoint;
import org.rl3spark.learner.dl4j.Nd4jThreads;
import org.rl3spark.learner.ppo.Advantages;
import org.rl3spark.learner.ppo.Algorithm;
import org.rl3spark.learner.ppo.BatchOutputs;
import org.rl3spark.learner.ppo.PpoConfig;
import org.rl3spark.learner.ppo.PpoUpdate;
import org.rl3spark.learner.ppo.RolloutBatch;
import org.rl3spark.learner.ppo.RolloutCollector;
import org.rl3spark.learner.ppo.TrainingSetup;
import org.rl3spark.learner.ppo.UpdateStats;

/**
 * The time of two successive PPO updates (critic values, GAE, 8 actor and 8 critic epochs, the KL
 * stop off) with a trained checkpoint's networks against fresh networks of the same size, on the
 * same batch of 64 bandit meta-episodes (H = 100) played by the checkpoint, alternating, one ND4J
 * thread. The second update is a training run's steady state (the first flushes what the checkpoint
 * brought). Also counts the subnormal floats in the checkpoint's parameters and Adam state. Shows
 * what {@code Denormals} is for: the update of a checkpoint written before it existed, whose critic
 * holds subnormal weights, against the same update once those are flushed.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.rl3spark.bench.TrainedUpdateTiming \
 *     results/agents/bandits-h100-rl3/checkpoints/ckpt-00000200 RL3 [repeats]</pre>
 */
public final class TrainedUpdateTiming {

  private TrainedUpdateTiming() {}

  /** Args: checkpoint directory, algorithm (RL2, RL3), repeats (default 3). */
  public static void main(String[] args) {
    Nd4jThreads.set(1);
    Path ckpt = Path.of(args[0]);
    Algorithm alg = Algorithm.valueOf(args[1]);
    int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    PpoConfig ppo =
        new PpoConfig(
            10, 64, 8, 3200, 8, 0.99, 0.3, 0.2, 1e9, new EntropySchedule(0.1, true, 5000, 10));
    TrainingSetup s = new TrainingSetup(new BanditFamily(5), alg, null, 100, ppo, 3e-4, 1);
    Checkpoint.Loaded loaded = Checkpoint.read(ckpt);
    System.out.println("actor: " + subnormals(loaded.networks().actor()));
    System.out.println("critic: " + subnormals(loaded.networks().critic()));
    RolloutBatch batch = batch(s, loaded.networks());
    for (int r = 0; r < repeats; r++) {
      for (boolean trained : new boolean[] {true, false}) {
        ActorCritic ac =
            trained ? Checkpoint.read(ckpt).networks() : ActorCritic.create(s.networkSpec());
        double first = update(ac, batch, ppo, s);
        double second = update(ac, batch, ppo, s);
        System.out.printf(
            Locale.ROOT,
            "%s first update %.2f s, second %.2f s%n",
            trained ? "checkpoint" : "fresh     ",
            first,
            second);
      }
    }
  }

  /** Seconds of one update (critic values, GAE, 8 + 8 epochs) of {@code ac} on the batch. */
  private static double update(ActorCritic ac, RolloutBatch batch, PpoConfig ppo, TrainingSetup s) {
    long t0 = System.nanoTime();
    float[] v = BatchOutputs.values(ac, batch);
    Advantages adv = Advantages.of(batch, v, 0.99, 0.3);
    UpdateStats u = PpoUpdate.run(ac, batch, adv, ppo, 0.1, s.minibatchRng(7));
    if (u.epochs() != 8) {
      throw new IllegalStateException("expected 8 actor epochs, got " + u.epochs());
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  private static RolloutBatch batch(TrainingSetup s, ActorCritic player) {
    int n = 64;
    List<Task> tasks = new ArrayList<>(n);
    Rng[] dynamics = new Rng[n];
    Rng[] policy = new Rng[n];
    for (int e = 0; e < n; e++) {
      tasks.add(s.family().generate(Split.TRAIN, s.taskIndex(7, e), 1));
      dynamics[e] = s.dynamicsRng(7, e);
      policy[e] = s.policyRng(7, e);
    }
    return RolloutCollector.collect(
        tasks, s.innerEnv(), 100, player.stepActor(n), dynamics, policy, false);
  }

  private static String subnormals(ComputationGraph g) {
    return count(g.params(), "parameters")
        + ", "
        + count(g.getUpdater().getStateViewArray(), "Adam state values");
  }

  private static String count(INDArray a, String what) {
    float[] f = a.dup().data().asFloat();
    int sub = 0;
    for (float x : f) {
      if (x != 0 && Math.abs(x) < Float.MIN_NORMAL) {
        sub++;
      }
    }
    return String.format(
        Locale.ROOT, "%d of %d %s subnormal (%.1f%%)", sub, f.length, what, 100.0 * sub / f.length);
  }
}
