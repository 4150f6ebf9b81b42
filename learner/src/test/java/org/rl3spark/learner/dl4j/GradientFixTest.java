package org.rl3spark.learner.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.rl3spark.learner.net.Activations;

/**
 * Gradient check of one causal post-norm decoder block (attention, residual, layer norm, tanh-GELU
 * feed-forward, residual, layer norm) against central finite differences, in double precision. It
 * passes with the DL4J M2.x SameDiff gradient fix and fails without it (the bug doubles gradients
 * through every SameDiffLayer, compounding with depth), so the fix can never silently disappear.
 */
class GradientFixTest {

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

  static ComputationGraph block(boolean fix) {
    int d = 8;
    int t = 5;
    ComputationGraphConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .dataType(DataType.DOUBLE)
            .seed(7)
            .updater(new NoOp())
            .graphBuilder()
            .addInputs("in")
            .setInputTypes(InputType.recurrent(d, t))
            .addLayer("att", fixed(new CausalSelfAttentionLayer(2), fix), "in")
            .addVertex("res1", new ElementWiseVertex(ElementWiseVertex.Op.Add), "in", "att")
            .addLayer("ln1", fixed(new LayerNormLayer(), fix), "res1")
            .addLayer("ffa", fixed(new SequenceDenseLayer(16, Activations.GELU_TANH), fix), "ln1")
            .addLayer("ffb", fixed(new SequenceDenseLayer(d, Activations.IDENTITY), fix), "ffa")
            .addVertex("res2", new ElementWiseVertex(ElementWiseVertex.Op.Add), "ln1", "ffb")
            .addLayer("ln2", fixed(new LayerNormLayer(), fix), "res2")
            .addLayer(
                "out",
                new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE)
                    .activation(Activation.IDENTITY)
                    .nOut(3)
                    .build(),
                "ln2")
            .setOutputs("out")
            .build();
    ComputationGraph g = new ComputationGraph(conf);
    g.init();
    return g;
  }

  private static <T extends SequenceLayer> T fixed(T layer, boolean fix) {
    layer.setGradientFix(fix);
    return layer;
  }

  private static boolean check(ComputationGraph g) {
    Nd4j.getRandom().setSeed(11);
    INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 8, 5).subi(0.5).muli(2);
    INDArray y = Nd4j.rand(DataType.DOUBLE, 3, 3, 5);
    return GradientCheckUtil.checkGradients(
        new GradientCheckUtil.GraphConfig()
            .net(g)
            .inputs(new INDArray[] {x})
            .labels(new INDArray[] {y})
            .epsilon(1e-6)
            .maxRelError(1e-3)
            .minAbsoluteError(1e-8)
            // Every parameter array, up to 12 entries each (the check is O(params) forward passes).
            .subset(true)
            .maxPerParam(12)
            .print(GradientCheckUtil.PrintMode.ZEROS)
            .exitOnFirstError(false));
  }

  @Test
  void decoderBlockGradientsMatchFiniteDifferencesWithTheFix() {
    assertThat(check(block(true))).as("gradient check with the fix").isTrue();
  }

  @Test
  void withoutTheFixDl4jDoublesTheGradients() {
    assertThat(check(block(false))).as("gradient check without the fix").isFalse();
  }
}
