package org.rl3spark.learner.dl4j;

import java.io.Serializable;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.MultiDataSet;

/**
 * One worker's share of a round of a distributed fit: from a given state, one Adam step per
 * minibatch in order, on a graph of the {@link GraphPool}. The result depends on the state and the
 * minibatches only (not on which graph was borrowed, nor on whether it was built for this round).
 */
public final class LocalSteps {

  private LocalSteps() {}

  /**
   * A worker's state after its steps, with what they cost.
   *
   * @param state the state after the last step
   * @param scoreSum the sum of the minibatches' scores (each after its step, as {@code fit} reports
   *     it)
   * @param steps minibatches fitted
   * @param built whether the graph was built for this round (the pool had none)
   * @param borrowNanos getting the graph (building it when {@code built})
   * @param loadNanos setting it to the starting state
   * @param fitNanos the steps
   * @param exportNanos copying the state out
   */
  public record Result(
      FlatState state,
      double scoreSum,
      int steps,
      boolean built,
      long borrowNanos,
      long loadNanos,
      long fitNanos,
      long exportNanos)
      implements Serializable {}

  /** Fits the minibatches in order from {@code start} on a pooled graph of {@code key}. */
  public static Result run(
      String key, String configurationJson, FlatState start, List<MultiDataSet> minibatches) {
    try (Lease lease = Lease.take(key, configurationJson, start)) {
      return lease.fit(minibatches);
    }
  }

  /**
   * A pooled graph of a key set to a starting state, until closed: a worker may read it (e.g. the
   * actor's outputs for the KL check) before it {@link #fit}s.
   */
  public static final class Lease implements AutoCloseable {
    private final String key;
    private final ComputationGraph net;
    private final boolean built;
    private final long borrowNanos;
    private final long loadNanos;

    private Lease(
        String key, ComputationGraph net, boolean built, long borrowNanos, long loadNanos) {
      this.key = key;
      this.net = net;
      this.built = built;
      this.borrowNanos = borrowNanos;
      this.loadNanos = loadNanos;
    }

    /** A pooled graph of {@code key} (built from the JSON when none is free), set to start. */
    public static Lease take(String key, String configurationJson, FlatState start) {
      long t0 = System.nanoTime();
      ComputationGraph pooled = GraphPool.take(key);
      boolean built = pooled == null;
      ComputationGraph net = built ? GraphPool.build(configurationJson) : pooled;
      long t1 = System.nanoTime();
      try {
        start.into(net);
      } catch (RuntimeException e) {
        GraphPool.giveBack(key, net);
        throw e;
      }
      return new Lease(key, net, built, t1 - t0, System.nanoTime() - t1);
    }

    /** The graph, in the starting state until {@link #fit}. */
    public ComputationGraph graph() {
      return net;
    }

    /** Whether the graph was built for this lease. */
    public boolean built() {
      return built;
    }

    /** One Adam step per minibatch, in order, then the state. */
    public Result fit(List<MultiDataSet> minibatches) {
      long t2 = System.nanoTime();
      double sum = 0;
      for (MultiDataSet mb : minibatches) {
        net.fit(mb);
        sum += net.score();
      }
      net.clear();
      long t3 = System.nanoTime();
      FlatState end = FlatState.of(net);
      long t4 = System.nanoTime();
      return new Result(
          end, sum, minibatches.size(), built, borrowNanos, loadNanos, t3 - t2, t4 - t3);
    }

    /** Gives the graph back to the pool. */
    @Override
    public void close() {
      GraphPool.giveBack(key, net);
    }
  }
}
