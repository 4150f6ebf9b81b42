package org.rl3spark.jobs.analysis.classify;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.random.Seeds;

/**
 * The {@link MlpClassifier} network trained with dl4j-spark's synchronous parameter averaging: per
 * epoch the shuffled minibatches are spread over {@code workers} partitions, each worker fits its
 * minibatches starting from the current parameters, and the driver averages the workers' parameters
 * (and Adam state) every {@code averagingFrequency} minibatches per worker.
 *
 * <p>Same network, initialisation and minibatch order as {@link MlpClassifier}; with one worker and
 * averaging after every minibatch the updates are those of single-JVM training. Data goes to the
 * workers directly (no export to files). Optional: on a 2-core machine it does not pay (see
 * docs/benchmarks-appd.md).
 */
public final class ParameterAveraging {

  private ParameterAveraging() {}

  /**
   * Trains on {@code train} over the executors and evaluates on both sets on the driver.
   *
   * @param workers partitions trained in parallel, ≥ 1
   * @param averagingFrequency minibatches per worker between averagings, ≥ 1
   */
  public static MlpClassifier.Result trainAndTest(
      JavaSparkContext jsc,
      Examples train,
      Examples test,
      MlpSettings settings,
      long seed,
      int workers,
      int averagingFrequency) {
    if (workers < 1 || averagingFrequency < 1) {
      throw new IllegalArgumentException(
          "workers and averagingFrequency must be >= 1, got "
              + workers
              + ", "
              + averagingFrequency);
    }
    long start = System.nanoTime();
    MlpClassifier.useThreads(settings.threads());
    Standardizer z = Standardizer.fit(train.features());
    ParameterAveragingTrainingMaster tm =
        new ParameterAveragingTrainingMaster.Builder(workers, settings.batchSize())
            .batchSizePerWorker(settings.batchSize())
            .averagingFrequency(averagingFrequency)
            .workerPrefetchNumBatches(0)
            .repartionData(Repartition.Never)
            .rddTrainingApproach(RDDTrainingApproach.Direct)
            .rngSeed(Seeds.derive(seed, MlpClassifier.ORDER, 1))
            .collectTrainingStats(false)
            .build();
    SparkDl4jMultiLayer spark =
        new SparkDl4jMultiLayer(
            jsc, MlpClassifier.configuration(train.width(), train.classes(), settings, seed), tm);
    Rng rng = new Rng(Seeds.derive(seed, MlpClassifier.ORDER));
    int n = train.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int epoch = 0; epoch < settings.epochs(); epoch++) {
      for (int i = n - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      List<DataSet> batches = new ArrayList<>();
      for (int from = 0; from < n; from += settings.batchSize()) {
        batches.add(
            MlpClassifier.batch(train, z, order, from, Math.min(n, from + settings.batchSize())));
      }
      spark.fit(jsc.parallelize(batches, Math.min(workers, batches.size())));
    }
    MultiLayerNetwork net = spark.getNetwork();
    double trainAcc = MlpClassifier.accuracy(net, train, z);
    double testAcc = MlpClassifier.accuracy(net, test, z);
    return new MlpClassifier.Result(trainAcc, testAcc, (System.nanoTime() - start) / 1e9);
  }
}
