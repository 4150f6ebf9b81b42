package org.rl3spark.learner.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.rl3spark.learner.net.Activations;

/**
 * The PPO loss as a DL4J loss: its gradient with respect to the network's parameters (through a
 * SameDiff layer) against finite differences, and its value against a hand-computed position.
 */
class PpoActorLossTest {

  private static DataType previous;

  @BeforeAll
  static void doublePrecision() {
    previous = Nd4j.dataType();
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }

  @AfterAll
  static void restore() {
    Nd4j.setDefaultDataTypes(previous, previous);
  }

  /** Labels for mb sequences of length t with n actions: random actions, advantages, old probs. */
  static INDArray labels(int mb, int n, int t, double entropyCoef) {
    INDArray l = Nd4j.zeros(DataType.DOUBLE, mb, PpoLabels.width(n), t);
    var rng = new org.rl3spark.core.random.Rng(5);
    for (int b = 0; b < mb; b++) {
      for (int i = 0; i < t; i++) {
        l.putScalar(b, rng.nextInt(n), i, 1.0);
        l.putScalar(b, PpoLabels.advantage(n), i, rng.nextGaussian());
        // Old log-probs near the current policy's, so some ratios fall inside the clip band
        // and some outside.
        l.putScalar(b, PpoLabels.oldLogProb(n), i, Math.log(1.0 / n) + 0.4 * rng.nextGaussian());
        l.putScalar(b, PpoLabels.entropyCoef(n), i, entropyCoef);
        l.putScalar(b, PpoLabels.weight(n), i, 1.0 / t);
      }
    }
    return l;
  }

  @Test
  void gradientThroughTheNetworkMatchesFiniteDifferences() {
    int m = 4;
    int n = 3;
    int t = 6;
    ComputationGraphConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .dataType(DataType.DOUBLE)
            .seed(3)
            .updater(new NoOp())
            .graphBuilder()
            .addInputs("in")
            .setInputTypes(InputType.recurrent(m, t))
            .addLayer("h", new SequenceDenseLayer(5, Activations.GELU_TANH), "in")
            .addLayer(
                "out",
                new RnnOutputLayer.Builder()
                    .lossFunction(new PpoActorLoss(0.2))
                    .activation(Activation.IDENTITY)
                    .nOut(n)
                    .build(),
                "h")
            .setOutputs("out")
            .build();
    ComputationGraph g = new ComputationGraph(conf);
    g.init();
    Nd4j.getRandom().setSeed(2);
    INDArray x = Nd4j.rand(DataType.DOUBLE, 4, m, t).subi(0.5);
    boolean ok =
        GradientCheckUtil.checkGradients(
            new GradientCheckUtil.GraphConfig()
                .net(g)
                .inputs(new INDArray[] {x})
                .labels(new INDArray[] {labels(4, n, t, 0.05)})
                .epsilon(1e-6)
                .maxRelError(1e-3)
                .minAbsoluteError(1e-9)
                .print(GradientCheckUtil.PrintMode.ZEROS)
                .exitOnFirstError(false));
    assertThat(ok).isTrue();
  }

  @Test
  void scoreOfOnePositionByHand() {
    // logits (0, ln 2, 0): π = (1/4, 1/2, 1/4); action 1, old π(a) = 0.25 → ratio 2, clipped to
    // 1.2; A = 1 → min(2, 1.2) = 1.2. Entropy = −(2·0.25 ln 0.25 + 0.5 ln 0.5) = 1.5 ln 2.
    INDArray z = Nd4j.createFromArray(new double[][] {{0, Math.log(2), 0}});
    INDArray l = Nd4j.createFromArray(new double[][] {{0, 1, 0, 1.0, Math.log(0.25), 0.1, 2.0}});
    double score = new PpoActorLoss(0.2).computeScore(l, z, new ActivationIdentity(), null, false);
    assertThat(score).isCloseTo(2.0 * (-1.2 - 0.1 * 1.5 * Math.log(2)), within(1e-12));
  }
}
