package org.rl3spark.learner.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The critic loss against hand computations (reference §5.4: the critic's share of the loss is
 * 0.5·mean((V − (v_old + A))²) over the H positions of a sequence). {@link CriticLoss} scores a row
 * w·½(V − target)² and its gradient with respect to V is w·(V − target); the weight is 1/H at
 * positions 0..H−1 and 0 at the post-final position H, which the critic sees but never regresses.
 */
class CriticLossTest {

  /** H = 4: four weighted positions and the post-final one. */
  static final double W = 0.25;

  // One sequence as rows: V, targets and weights. The post-final row is far off (V − target = 7)
  // and must count for nothing.
  static final double[] V = {1.5, -0.5, 2.0, 0.25, 7.0};
  static final double[] TARGET = {1.0, 0.5, 2.0, -0.75, 0.0};
  static final double[] WEIGHT = {W, W, W, W, 0.0};

  static INDArray column(double[] x) {
    return Nd4j.createFromArray(x).reshape(x.length, 1);
  }

  static INDArray labels(double[] target, double[] weight) {
    double[][] l = new double[target.length][];
    for (int r = 0; r < target.length; r++) {
      l[r] = new double[] {target[r], weight[r]};
    }
    return Nd4j.createFromArray(l);
  }

  static double[] asDoubles(INDArray a) {
    return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
  }

  @Test
  void scoreAndGradientOfRowsByHand() {
    CriticLoss loss = new CriticLoss();
    INDArray l = labels(TARGET, WEIGHT);
    INDArray v = column(V);
    ActivationIdentity id = new ActivationIdentity();
    // V − target = (0.5, −1, 0, 1, 7); ½·mean over the four weighted positions of (0.25, 1, 0, 1)
    // = ½·2.25/4 = 0.28125; the post-final 7² is weighted 0.
    double[] rowScores = {W * 0.5 * 0.25, W * 0.5 * 1, 0, W * 0.5 * 1, 0};
    double[] grad = {W * 0.5, W * -1, 0, W * 1, 0};

    assertThat(loss.computeScore(l, v, id, null, false)).isCloseTo(0.28125, within(1e-12));
    assertThat(loss.computeScore(l, v, id, null, true))
        .as("average: the sum over the 5 rows / 5")
        .isCloseTo(0.28125 / 5, within(1e-12));
    assertThat(asDoubles(loss.computeScoreArray(l, v, id, null)))
        .containsExactly(rowScores, within(1e-12));
    assertThat(asDoubles(loss.computeGradient(l, v, id, null)))
        .containsExactly(grad, within(1e-12));
    Pair<Double, INDArray> both = loss.computeGradientAndScore(l, v, id, null, false);
    assertThat(both.getFirst()).isCloseTo(0.28125, within(1e-12));
    assertThat(asDoubles(both.getSecond())).containsExactly(grad, within(1e-12));
    assertThat(both.getSecond().shape()).isEqualTo(v.shape());

    // The gradient is the derivative of the score (central differences are exact on a quadratic
    // up to rounding).
    double h = 1e-4;
    for (int r = 0; r < V.length; r++) {
      INDArray plus = v.dup();
      plus.putScalar(r, 0, V[r] + h);
      INDArray minus = v.dup();
      minus.putScalar(r, 0, V[r] - h);
      double fd =
          (loss.computeScore(l, plus, id, null, false)
                  - loss.computeScore(l, minus, id, null, false))
              / (2 * h);
      assertThat(fd).as("d score / d V[%d]", r).isCloseTo(grad[r], within(1e-9));
    }
  }

  @Test
  void aMaskedRowCountsForNothing() {
    CriticLoss loss = new CriticLoss();
    INDArray mask = column(new double[] {1, 0, 1, 1, 1});
    ActivationIdentity id = new ActivationIdentity();
    // Row 1 (V − target = −1) masked: ½·0.25·(0.25 + 0 + 1) = 0.15625.
    assertThat(loss.computeScore(labels(TARGET, WEIGHT), column(V), id, mask, false))
        .isCloseTo(0.15625, within(1e-12));
    assertThat(asDoubles(loss.computeGradient(labels(TARGET, WEIGHT), column(V), id, mask)))
        .containsExactly(new double[] {W * 0.5, 0, 0, W * 1, 0}, within(1e-12));
  }

  /**
   * Through a graph as the critic is fitted: sequences [k, 1, H + 1] with labels [k, 2, H + 1] laid
   * out as {@code ActorCritic} lays them out. The output layer is V = w·x + b on a one-feature
   * input, so V is known, and with plain SGD at rate 1 one fit moves b and w by minus the gradient
   * DL4J applies: the derivative of the reported score, which is the sum over rows divided by the k
   * sequences, i.e. ½·mean over the k·H positions.
   */
  @Test
  void throughTheGraphTheScoreIsHalfTheMeanOverPositionsAndThePostFinalPositionIsIgnored() {
    int k = 2;
    int t = V.length; // H + 1
    ComputationGraphConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .dataType(DataType.FLOAT)
            .seed(1)
            .updater(new Sgd(1.0))
            .graphBuilder()
            .addInputs("obs")
            .setInputTypes(InputType.recurrent(1, t))
            .addLayer(
                "out",
                new RnnOutputLayer.Builder()
                    .lossFunction(new CriticLoss())
                    .activation(Activation.IDENTITY)
                    .nOut(1)
                    .build(),
                "obs")
            .setOutputs("out")
            .build();
    ComputationGraph g = new ComputationGraph(conf);
    g.init();
    g.getParam("out_W").assign(1.0);
    g.getParam("out_b").assign(0.0);

    // Sequence 0 is the rows above; sequence 1 has V − target = (−1, 0, 1, 2) and a post-final
    // −45 at a large input (x = −40), which would dominate both gradients if it counted.
    double[][] x = {V, {0, 1, 2, 3, -40}};
    double[][] target = {TARGET, {1, 1, 1, 1, 5}};
    float[] features = new float[k * t];
    float[] l = new float[k * 2 * t];
    for (int s = 0; s < k; s++) {
      for (int p = 0; p < t; p++) {
        features[s * t + p] = (float) x[s][p];
        l[(s * 2) * t + p] = (float) target[s][p];
        l[(s * 2 + 1) * t + p] = (float) WEIGHT[p];
      }
    }
    MultiDataSet mb =
        new MultiDataSet(
            Nd4j.create(features, new long[] {k, 1, t}, 'c'),
            Nd4j.create(l, new long[] {k, 2, t}, 'c'));

    // ½·mean over the 8 weighted positions of (0.25, 1, 0, 1, 1, 0, 1, 4) = ½·8.25/8.
    double score = 0.5 * 8.25 / 8;
    // d score / d b = Σ w·(V − target) / k = 0.25·(0.5 + 2) / 2;
    // d score / d w = Σ w·(V − target)·x / k = 0.25·(1.5 + 8) / 2.
    double gradB = 0.25 * (0.5 - 1 + 0 + 1 + (-1 + 0 + 1 + 2)) / k;
    double gradW = 0.25 * (0.5 * 1.5 + 0.5 + 0 + 0.25 + (0 + 0 + 2 + 6)) / k;

    g.fit(mb);
    assertThat(g.score()).as("score of the minibatch").isCloseTo(score, within(1e-6));
    assertThat(g.getParam("out_b").getDouble(0))
        .as("b after one SGD step")
        .isCloseTo(0.0 - gradB, within(1e-6));
    assertThat(g.getParam("out_W").getDouble(0))
        .as("w after one SGD step")
        .isCloseTo(1.0 - gradW, within(1e-6));
  }
}
