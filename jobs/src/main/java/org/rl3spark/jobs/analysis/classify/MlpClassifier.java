package org.rl3spark.jobs.analysis.classify;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.random.Seeds;

/**
 * A multi-layer perceptron classifier trained in this JVM: standardised features → one hidden ReLU
 * layer → softmax over the classes, sparse cross-entropy, Adam, minibatches in an order drawn from
 * the seed, L2 weight decay.
 *
 * <p>Reproducible: the weights are initialised from {@code seed} (purpose {@value #INIT}), the
 * minibatch order comes from {@code seed} (purpose {@value #ORDER}), and ND4J/BLAS run with the
 * configured number of threads, so equal inputs give equal results on a given machine.
 */
public final class MlpClassifier {

  /** Seed purpose of the weight initialisation. */
  public static final String INIT = "mlp-init";

  /** Seed purpose of the minibatch order. */
  public static final String ORDER = "mlp-minibatch-order";

  private static final int EVAL_BATCH = 4096;

  private MlpClassifier() {}

  /**
   * Accuracies of a trained classifier.
   *
   * @param trainAccuracy fraction of training examples classified correctly after training
   * @param testAccuracy fraction of test examples classified correctly
   * @param seconds wall time of training and evaluation
   */
  public record Result(double trainAccuracy, double testAccuracy, double seconds)
      implements java.io.Serializable {}

  /**
   * Trains on {@code train} and evaluates on both sets.
   *
   * @param train training examples (standardisation statistics come from these)
   * @param test test examples with the same width and classes
   * @param settings network and training settings
   * @param seed root of the initialisation and minibatch-order streams
   */
  public static Result trainAndTest(
      Examples train, Examples test, MlpSettings settings, long seed) {
    if (train.width() != test.width() || train.classes() != test.classes()) {
      throw new IllegalArgumentException(
          "training set has width "
              + train.width()
              + " and "
              + train.classes()
              + " classes, test set "
              + test.width()
              + " and "
              + test.classes());
    }
    long start = System.nanoTime();
    useThreads(settings.threads());
    Standardizer z = Standardizer.fit(train.features());
    MultiLayerNetwork net = network(train.width(), train.classes(), settings, seed);
    fit(net, train, z, settings, new Rng(Seeds.derive(seed, ORDER)));
    double trainAcc = accuracy(net, train, z);
    double testAcc = accuracy(net, test, z);
    return new Result(trainAcc, testAcc, (System.nanoTime() - start) / 1e9);
  }

  /** Limits ND4J's and BLAS's threads in this JVM. */
  static void useThreads(int threads) {
    Nd4j.getEnvironment().setMaxThreads(threads);
    Nd4j.getEnvironment().setMaxMasterThreads(threads);
    Nd4j.factory().blas().setMaxThreads(threads);
  }

  /** The network configuration: width → hidden (ReLU) → classes (softmax). */
  static MultiLayerConfiguration configuration(int width, int classes, MlpSettings s, long seed) {
    return new NeuralNetConfiguration.Builder()
        .seed(Seeds.derive(seed, INIT))
        .dataType(DataType.FLOAT)
        .updater(new Adam(s.learningRate()))
        .weightDecay(s.l2(), true)
        .list()
        .layer(
            new DenseLayer.Builder()
                .nIn(width)
                .nOut(s.hidden())
                .activation(Activation.RELU)
                .weightInit(WeightInit.RELU)
                .build())
        .layer(
            new OutputLayer.Builder(new LossSparseMCXENT())
                .nIn(s.hidden())
                .nOut(classes)
                .activation(Activation.SOFTMAX)
                .weightInit(WeightInit.XAVIER)
                .build())
        .build();
  }

  static MultiLayerNetwork network(int width, int classes, MlpSettings s, long seed) {
    MultiLayerNetwork net = new MultiLayerNetwork(configuration(width, classes, s, seed));
    net.init();
    return net;
  }

  /** Runs the epochs: each a fresh permutation of the examples cut into minibatches. */
  private static void fit(
      MultiLayerNetwork net, Examples train, Standardizer z, MlpSettings s, Rng rng) {
    int n = train.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int epoch = 0; epoch < s.epochs(); epoch++) {
      for (int i = n - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      for (int from = 0; from < n; from += s.batchSize()) {
        int to = Math.min(n, from + s.batchSize());
        net.fit(batch(train, z, order, from, to));
      }
    }
  }

  /** Examples order[from .. to) as a DataSet with sparse (index) labels. */
  static DataSet batch(Examples ex, Standardizer z, int[] order, int from, int to) {
    int b = to - from;
    int d = ex.width();
    float[] x = new float[b * d];
    float[] y = new float[b];
    for (int r = 0; r < b; r++) {
      int i = order == null ? from + r : order[from + r];
      z.apply(ex.features()[i], x, r * d);
      y[r] = ex.labels()[i];
    }
    return new DataSet(
        Nd4j.create(x, new long[] {b, d}, 'c'), Nd4j.create(y, new long[] {b, 1}, 'c'));
  }

  /** Fraction of examples whose most probable class is their label. */
  static double accuracy(MultiLayerNetwork net, Examples ex, Standardizer z) {
    int n = ex.size();
    if (n == 0) {
      return Double.NaN;
    }
    long correct = 0;
    for (int from = 0; from < n; from += EVAL_BATCH) {
      int to = Math.min(n, from + EVAL_BATCH);
      DataSet ds = batch(ex, z, null, from, to);
      INDArray predicted = Nd4j.argMax(net.output(ds.getFeatures(), false), 1);
      for (int r = 0; r < to - from; r++) {
        if (predicted.getInt(r) == ex.labels()[from + r]) {
          correct++;
        }
      }
    }
    return (double) correct / n;
  }
}
