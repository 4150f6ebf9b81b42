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
 * worker's) and the next round starts from the average. One Spark job per round. After the call the
 * network holds the average. With one worker this is the single-process fit, bit for bit, whatever
 * the frequency; for a given number of workers and frequency the result does not depend on
 * scheduling, executors, task retries or lost executors (every task is a pure function of its state
 * and minibatches, and the average is taken in worker order). Independent networks with as many
 * minibatches ({@link #fitAll}: the PPO update's critic and actor) share the rounds: each task fits
 * its share of every network, one job per round for all of them.
 *
 * <p>Workers keep their graphs between rounds in their JVM's {@link
 * org.rl3spark.learner.dl4j.GraphPool}, keyed by this fitter, the network and its configuration; a
 * worker that finds none (its first round, a new executor) builds one from the configuration's
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
      throw new IllegalArgumentException(
          "workers, frequency and threads must be >= 1, got "
              + workers
              + ", "
              + frequency
              + ", "
              + threads);
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
    return fitAll(List.of(net), List.of(minibatches))[0];
  }

  /** Independent networks with as many minibatches each share their rounds: one job per round. */
  @Override
  public double[] fitAll(List<ComputationGraph> nets, List<List<MultiDataSet>> minibatches) {
    int count = nets.size();
    int length = minibatches.get(0).size();
    for (List<MultiDataSet> m : minibatches) {
      if (m.size() != length) {
        return ActorCritic.Fitter.super.fitAll(nets, minibatches);
      }
    }
    double[] sums = new double[count];
    if (length == 0) {
      return sums;
    }
    List<String> keys = new ArrayList<>(count);
    List<Broadcast<String>> configurations = new ArrayList<>(count);
    List<FlatState> states = new ArrayList<>(count);
    long t0 = System.nanoTime();
    for (ComputationGraph net : nets) {
      Network network =
          networks.computeIfAbsent(
              net,
              n ->
                  new Network(
                      id
                          + "/network-"
                          + networks.size()
                          + "/"
                          + n.getConfiguration().toJson().hashCode(),
                      jsc.broadcast(n.getConfiguration().toJson())));
      keys.add(network.key());
      configurations.add(network.configuration());
      states.add(FlatState.of(net));
    }
    times.add(FitTimes.EXPORT, System.nanoTime() - t0);
    int round = workers * frequency;
    for (int from = 0; from < length; from += round) {
      int to = Math.min(length, from + round);
      List<List<List<MultiDataSet>>> shares = new ArrayList<>();
      for (int i = from; i < to; i += frequency) {
        List<List<MultiDataSet>> share = new ArrayList<>(count);
        for (List<MultiDataSet> m : minibatches) {
          share.add(new ArrayList<>(m.subList(i, Math.min(to, i + frequency))));
        }
        shares.add(share);
      }
      long r0 = System.nanoTime();
      Broadcast<ArrayList<FlatState>> start = jsc.broadcast(new ArrayList<>(states));
      long r1 = System.nanoTime();
      // One share per partition; collect returns the partitions in order, i.e. worker order.
      List<ArrayList<LocalSteps.Result>> results =
          jsc.parallelize(shares, shares.size())
              .mapPartitions(new Round(keys, configurations, start, threads))
              .collect();
      long r2 = System.nanoTime();
      start.destroy();
      for (int n = 0; n < count; n++) {
        List<FlatState> ends = new ArrayList<>(results.size());
        for (List<LocalSteps.Result> worker : results) {
          ends.add(worker.get(n).state());
          sums[n] += worker.get(n).scoreSum();
        }
        states.set(n, FlatState.mean(ends));
      }
      long r3 = System.nanoTime();
      times.round(r1 - r0, r2 - r1, r3 - r2, results);
    }
    long t1 = System.nanoTime();
    for (int n = 0; n < count; n++) {
      states.get(n).into(nets.get(n));
    }
    times.add(FitTimes.IMPORT, System.nanoTime() - t1);
    return sums;
  }

  /** A worker's task: each network's minibatches from its broadcast state, on pooled graphs. */
  static final class Round
      implements FlatMapFunction<Iterator<List<List<MultiDataSet>>>, ArrayList<LocalSteps.Result>>,
          Serializable {
    private static final long serialVersionUID = 1L;
    private final List<String> keys;
    private final List<Broadcast<String>> configurations;
    private final Broadcast<ArrayList<FlatState>> start;
    private final int threads;

    Round(
        List<String> keys,
        List<Broadcast<String>> configurations,
        Broadcast<ArrayList<FlatState>> start,
        int threads) {
      this.keys = new ArrayList<>(keys);
      this.configurations = new ArrayList<>(configurations);
      this.start = start;
      this.threads = threads;
    }

    @Override
    public Iterator<ArrayList<LocalSteps.Result>> call(Iterator<List<List<MultiDataSet>>> shares) {
      Nd4jThreads.set(threads);
      List<ArrayList<LocalSteps.Result>> out = new ArrayList<>(1);
      while (shares.hasNext()) {
        List<List<MultiDataSet>> share = shares.next();
        ArrayList<LocalSteps.Result> results = new ArrayList<>(share.size());
        for (int n = 0; n < share.size(); n++) {
          results.add(
              LocalSteps.run(
                  keys.get(n), configurations.get(n).value(), start.value().get(n), share.get(n)));
        }
        out.add(results);
      }
      return out.iterator();
    }
  }
}
