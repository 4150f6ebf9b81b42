package org.rl3spark.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.rl3spark.core.ppo.EntropySchedule;
import org.rl3spark.envs.bandit.BanditFamily;
import org.rl3spark.learner.dl4j.ActorCritic;
import org.rl3spark.learner.dl4j.Nd4jThreads;
import org.rl3spark.learner.ppo.Algorithm;
import org.rl3spark.learner.ppo.IterationMetrics;
import org.rl3spark.learner.ppo.PpoConfig;
import org.rl3spark.learner.ppo.PpoTrainer;
import org.rl3spark.learner.ppo.TrainingSetup;

/**
 * The single-process PPO loop of the learner ({@link PpoTrainer}, one JVM, no Spark) at the
 * settings of {@code conf/train/bandits-h100-rl3-cpu.conf}, for comparison with the train job's
 * iteration time in BENCHMARKS.md: bandits k = 5, H = 100, 64 meta-episodes (6,400 env steps) per
 * iteration, 32 sequences per minibatch, 8 epochs, learning rate 3e-4, master seed 1, one ND4J
 * thread. Each measured operation is one whole iteration (rollouts, critic values, GAE, update);
 * the first is a warm-up, like the train job's figures, which are medians of iterations 2–8.
 *
 * <pre>java -jar bench/target/benchmarks.jar TrainLoopBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 7)
@Fork(1)
public class TrainLoopBenchmark {

  static final int ITERATIONS = 250;
  static final int ENVS = 64;
  static final int HORIZON = 100;

  /** The algorithm (its wrapper and network). */
  @Param({"RL3", "RL2"})
  public String algorithm;

  private ActorCritic ac;
  private TrainingSetup setup;
  private int iteration;

  @Setup(Level.Trial)
  public void setup() {
    Nd4jThreads.set(1);
    PpoConfig ppo =
        new PpoConfig(
            ITERATIONS,
            ENVS,
            32,
            3200,
            8,
            0.99,
            0.3,
            0.2,
            0.01,
            new EntropySchedule(0.1, true, ITERATIONS, 10));
    setup =
        new TrainingSetup(
            new BanditFamily(5), Algorithm.valueOf(algorithm), null, HORIZON, ppo, 3e-4, 1);
    ac = ActorCritic.create(setup.networkSpec());
    iteration = 0;
  }

  /** One PPO iteration: 6,400 env steps and the update on them. */
  @Benchmark
  public IterationMetrics iteration() {
    iteration++;
    return PpoTrainer.iteration(ac, setup, iteration);
  }
}
