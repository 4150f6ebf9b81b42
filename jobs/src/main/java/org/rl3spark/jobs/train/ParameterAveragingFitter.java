package org.rl3spark.jobs.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.rl3spark.learner.dl4j.ActorCritic;
import org.rl3spark.learner.dl4j.FlatState;
import org.rl3spark.learner.dl4j.LocalSteps;
import org.rl3spark.learner.dl4j.Nd4jThreads;

/**
 * Fits a network by parameter averaging over {@code workers} Spark tasks, every {@code frequency}
 * minibatches per worker (local SGD when {@code frequency > 1}).
 *
 * <p>A round takes the next {@code workers × frequency} minibatches of the call, in the PPO
 * update's order, and gives worker w the w-th run of {@code frequency} consecutive ones (the last
 * round of a call may use fewer workers). Every worker starts from the same state, the network's
 * parameters, Adam moments and iteration count, broadcast as one flat float array ({@link
 * FlatState}); it takes one Adam step per minibatch, in order, and returns its state; the driver
 * averages the states element-wise in worker order (the iteration count becomes the busiest
 * worker's) and the next round starts from the average. One Spark job per round. After the call
 * the network holds the average. With one worker this is the single-process fit, bit for bit,
 * whatever the frequency; for a given number of workers and frequency the result does not depend
 * on scheduling, executors, task retries or lost executors (every task is a pure function of its
 * state and minibatches, and the average is taken in worker order).
 *
 * <p>Workers keep their graphs between rounds in their JVM's {@link
 * org.rl3spark.learner.dl4j.GraphPool}, keyed by this fitter, the network and its configuration;
 * a worker that finds none (its first round, a new executor) builds one from the configuration's
 * JSON, broadcast once per network. What each part of a fit cost is in {@link #times()}.
 */
final class ParameterAveragingFitter implements ActorCritic.Fitter {

  private static final AtomicLong FITTERS = new AtomicLong();

  private final JavaSparkContext jsc;
  private final int workers;
  private final int frequency;
  private final int threads;
  private final String id;
  private final Map<ComputationGraph, Network> networks = new IdentityHashMap<>();
  private final FitTimes times = new FitTimes();

  /**
   * @param workers Spark tasks per round
   * @param frequency minibatches each worker fits between averagings
   * @param threads ND4J threads of each worker task
   */
  ParameterAveragingFitter(JavaSparkContext jsc, int workers, int frequency, int threads) {
    if (workers < 1 || frequency < 1 || threads < 1) {
      throw new IllegalArgumentException("workers, frequency and threads must be >= 1, got "
          + workers + ", " + frequency + ", " + threads);
    }
    this.jsc = jsc;
    this.workers = workers;
    this.frequency = frequency;
    this.threads = threads;
    this.id = jsc.sc().applicationId() + "/fitter-" + FITTERS.incrementAndGet();
  }

  /** A network's pool key and its configuration, broadcast once. */
  private record Network(String key, Broadcast<String> configuration) {}

  /** The cost of the fits so far. */
  FitTimes times() {
    return times;
  }

  @Override
  public double fit(ComputationGraph net, List<MultiDataSet> minibatches) {
    if (minibatches.isEmpty()) {
      return 0;
    }
    Network network = networks.computeIfAbsent(net, n -> new Network(
        id + "/network-" + networks.size() + "/" + n.getConfiguration().toJson().hashCode(),
        jsc.broadcast(n.getConfiguration().toJson())));
    long t0 = System.nanoTime();
    FlatState state = FlatState.of(net);
    times.add(FitTimes.EXPORT, System.nanoTime() - t0);
    int round = workers * frequency;
    double sum = 0;
    for (int from = 0; from < minibatches.size(); from += round) {
      List<List<MultiDataSet>> shares = shares(
          minibatches.subList(from, Math.min(minibatches.size(), from + round)), frequency);
      long r0 = System.nanoTime();
      Broadcast<FlatState> start = jsc.broadcast(state);
      long r1 = System.nanoTime();
      // One share per partition; collect returns the partitions in order, i.e. worker order.
      List<LocalSteps.Result> results = jsc.parallelize(shares, shares.size())
          .mapPartitions(new Round(network.key(), network.configuration(), start, threads))
          .collect();
      long r2 = System.nanoTime();
      start.destroy();
      List<FlatState> states = new ArrayList<>(results.size());
      for (LocalSteps.Result r : results) {
        states.add(r.state());
        sum += r.scoreSum();
      }
      state = FlatState.mean(states);
      long r3 = System.nanoTime();
      times.round(r1 - r0, r2 - r1, r3 - r2, results);
    }
    long t1 = System.nanoTime();
    state.into(net);
    times.add(FitTimes.IMPORT, System.nanoTime() - t1);
    return sum;
  }

  /** Consecutive runs of {@code frequency} minibatches, one per worker of a round. */
  static <T> List<List<T>> shares(List<T> round, int frequency) {
    List<List<T>> out = new ArrayList<>();
    for (int i = 0; i < round.size(); i += frequency) {
      out.add(new ArrayList<>(round.subList(i, Math.min(round.size(), i + frequency))));
    }
    return out;
  }

  /** A worker's task: its minibatches from the broadcast state, on a pooled graph. */
  static final class Round implements
      FlatMapFunction<Iterator<List<MultiDataSet>>, LocalSteps.Result>, Serializable {
    private static final long serialVersionUID = 1L;
    private final String key;
    private final Broadcast<String> configuration;
    private final Broadcast<FlatState> start;
    private final int threads;

    Round(String key, Broadcast<String> configuration, Broadcast<FlatState> start, int threads) {
      this.key = key;
      this.configuration = configuration;
      this.start = start;
      this.threads = threads;
    }

    @Override
    public Iterator<LocalSteps.Result> call(Iterator<List<MultiDataSet>> shares) {
      Nd4jThreads.set(threads);
      List<LocalSteps.Result> out = new ArrayList<>(1);
      while (shares.hasNext()) {
        out.add(LocalSteps.run(key, configuration.value(), start.value(), shares.next()));
      }
      return out.iterator();
    }
  }
}
