package org.rl3spark.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
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
import org.openjdk.jmh.infra.Blackhole;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.random.Seeds;
import org.rl3spark.learner.dl4j.Nd4jThreads;
import org.rl3spark.learner.dl4j.Networks;
import org.rl3spark.learner.infer.StepActor;
import org.rl3spark.learner.net.Architecture;
import org.rl3spark.learner.net.NetworkSpec;

/**
 * The learner's costs with the reference network (2 blocks, d 64, 4 heads, FF 256, input MLP 256; m
 * = 11 inputs, 5 actions), single-threaded ND4J unless {@code -p threads=2}.
 *
 * <ul>
 *   <li>{@code update}: one PPO Adam step of the actor on a minibatch of 32 sequences × 100 steps
 *       (forward, backward, Adam).
 *   <li>{@code fullWindow}: the graph's forward pass on 32 windows of t steps, what acting at step
 *       t costs without a cache.
 *   <li>{@code incrementalStep}: one cached step at position t for 32 envs (the cache already holds
 *       t − 1 positions).
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class LearnerBenchmark {

  static final int M = 11;
  static final int N = 5;
  static final int BATCH = 32;

  /** Window length t (and the sequence length of the update: 100). */
  @Param({"100", "350"})
  public int t;

  /** ND4J threads. */
  @Param({"1", "2"})
  public int threads;

  private ComputationGraph update;
  private MultiDataSet minibatch;
  private ComputationGraph window;
  private INDArray windowInput;
  private StepActor incremental;
  private float[] obs;
  private float[] logits;
  private List<float[]> prefix;

  @Setup(Level.Trial)
  public void setup() {
    Nd4jThreads.set(threads);
    Rng rng = Seeds.rng(1, "bench/learner");
    update = UpdateMinibatch.actor();
    minibatch = UpdateMinibatch.minibatch();

    NetworkSpec win = NetworkSpec.reference(Architecture.TRANSFORMER, M, N, t, 3e-4, 2);
    window = Networks.init(Networks.actor(win));
    windowInput = Nd4j.rand(DataType.FLOAT, BATCH, M, t);
    incremental = org.rl3spark.learner.dl4j.ActorCritic.of(win, window, window).stepActor(BATCH);
    obs = new float[BATCH * M];
    logits = new float[BATCH * N];
    prefix = new ArrayList<>();
    for (int s = 0; s < t - 1; s++) {
      float[] o = new float[BATCH * M];
      for (int i = 0; i < o.length; i++) {
        o[i] = (float) rng.nextDouble();
      }
      prefix.add(o);
    }
  }

  /** Fills the cache with t − 1 positions before each measured call. */
  @Setup(Level.Invocation)
  public void fillCache() {
    incremental.reset();
    for (float[] o : prefix) {
      incremental.step(o, logits);
    }
  }

  @Benchmark
  public void update() {
    update.fit(minibatch);
  }

  @Benchmark
  public void fullWindow(Blackhole bh) {
    bh.consume(window.outputSingle(windowInput));
  }

  /** A whole cached rollout of t − 1 steps for 32 envs, from an empty cache. */
  @Benchmark
  public void cachedRollout(Blackhole bh) {
    incremental.reset();
    for (float[] o : prefix) {
      incremental.step(o, logits);
    }
    bh.consume(logits);
  }

  @Benchmark
  public void incrementalStep(Blackhole bh) {
    incremental.step(obs, logits);
    bh.consume(logits);
  }
}
