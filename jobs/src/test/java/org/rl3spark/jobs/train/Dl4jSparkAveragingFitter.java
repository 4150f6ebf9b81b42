package org.rl3spark.jobs.train;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.api.TrainingHook;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.rl3spark.core.random.Seeds;
import org.rl3spark.learner.dl4j.ActorCritic;

/**
 * Not used by the pipeline: the dl4j-spark fitter that {@link ParameterAveragingFitter} replaced
 * (commit 50a5317), kept for {@link FitBreakdownRun}'s before-and-after measurement, with
 * dl4j-spark's own training statistics ({@link #stats}).
 *
 * <p>Fits a network on Spark with dl4j-spark's {@link ParameterAveragingTrainingMaster}: each round
 * hands {@code workers × frequency} consecutive minibatches to {@code workers} partitions of {@code
 * frequency} minibatches each, every worker fits its own in order from the current parameters and
 * Adam state, and the master averages both. With one worker and frequency 1 this is exactly the
 * single-process loop, minibatch by minibatch.
 *
 * <p>The rounds are built here rather than by the training master's random split, so the order of
 * the minibatches is the PPO update's and nothing depends on a random split or a repartition.
 *
 * <p>dl4j-spark 1.0.0-M2 rebuilds each worker's network from a clone of the configuration, and the
 * clone drops the iteration count: every worker would run Adam's bias correction as if at step 1.
 * {@link IterationHook} gives each worker the master's count before its first minibatch.
 */
final class Dl4jSparkAveragingFitter implements ActorCritic.Fitter {

  private final JavaSparkContext jsc;
  private final int workers;
  private final int frequency;
  private final long seed;
  private final Map<ComputationGraph, SparkComputationGraph> nets = new IdentityHashMap<>();
  private final Map<ComputationGraph, IterationHook> hooks = new IdentityHashMap<>();

  Dl4jSparkAveragingFitter(JavaSparkContext jsc, int workers, int frequency, long seed) {
    this.jsc = jsc;
    this.workers = workers;
    this.frequency = frequency;
    this.seed = seed;
  }

  @Override
  public double fit(ComputationGraph net, List<org.nd4j.linalg.dataset.MultiDataSet> minibatches) {
    if (minibatches.isEmpty()) {
      return 0;
    }
    int examples = (int) minibatches.get(0).getFeatures(0).size(0);
    IterationHook hook = hooks.computeIfAbsent(net, n -> new IterationHook());
    SparkComputationGraph spark =
        nets.computeIfAbsent(net, n -> new SparkComputationGraph(jsc, n, master(examples, hook)));
    int round = workers * frequency;
    double sum = 0;
    for (int from = 0; from < minibatches.size(); from += round) {
      List<MultiDataSet> chunk =
          List.copyOf(minibatches.subList(from, Math.min(minibatches.size(), from + round)));
      int partitions = (chunk.size() + frequency - 1) / frequency;
      int base = net.getConfiguration().getIterationCount();
      hook.base = base;
      JavaRDD<MultiDataSet> rdd = jsc.parallelize(chunk, partitions);
      spark.fitMultiDataSet(rdd);
      // Adam steps of the busiest worker (the training master adds `frequency` regardless).
      net.getConfiguration().setIterationCount(base + (chunk.size() + partitions - 1) / partitions);
      sum += spark.getScore() * chunk.size();
    }
    return sum;
  }

  /** Forgets the statistics collected so far. */
  void resetStats() {
    for (SparkComputationGraph g : nets.values()) {
      g.setCollectTrainingStats(true);
    }
  }

  /** dl4j-spark's statistics of every network since the last reset. */
  String stats() {
    StringBuilder b = new StringBuilder();
    for (SparkComputationGraph g : nets.values()) {
      b.append(g.getSparkTrainingStats().statsAsString()).append('\n');
    }
    return b.toString();
  }

  /** Sets a worker's iteration count to the master's before the worker's first minibatch. */
  static final class IterationHook implements TrainingHook {
    private static final long serialVersionUID = 1L;
    int base;
    private transient boolean started;

    @Override
    public void preUpdate(MultiDataSet minibatch, Model model) {
      start(model);
    }

    @Override
    public void preUpdate(DataSet minibatch, Model model) {
      start(model);
    }

    private void start(Model model) {
      if (!started) {
        ((ComputationGraph) model).getConfiguration().setIterationCount(base);
        started = true;
      }
    }

    @Override
    public void postUpdate(MultiDataSet minibatch, Model model) {}

    @Override
    public void postUpdate(DataSet minibatch, Model model) {}
  }

  private ParameterAveragingTrainingMaster master(int examples, IterationHook hook) {
    return new ParameterAveragingTrainingMaster.Builder(workers, examples)
        .batchSizePerWorker(examples)
        .averagingFrequency(frequency)
        .saveUpdater(true)
        .workerPrefetchNumBatches(0)
        .repartionData(Repartition.Never)
        .rddTrainingApproach(RDDTrainingApproach.Direct)
        .storageLevel(null)
        .rngSeed(Seeds.derive(seed, "parameter-averaging"))
        .collectTrainingStats(true)
        .trainingHooks(hook)
        .build();
  }
}
