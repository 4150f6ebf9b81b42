package org.rl3spark.learner.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.rl3spark.learner.net.Architecture;
import org.rl3spark.learner.net.NetworkSpec;

/**
 * The fused {@link TransformerBodyLayer} (what the actor and critic use) computes the same function
 * as the network assembled from the individual causal-attention, layer-norm, positional and dense
 * layers, and its gradients match finite differences (with the DL4J M2.x fix; not without).
 */
class FusedBodyTest {

  @Test
  void fusedBodyEqualsTheLayerByLayerNetwork() {
    NetworkSpec s =
        new NetworkSpec(Architecture.TRANSFORMER, 7, 4, 12, 16, 4, 2, 32, 24, 1e-3, 0.01, 9);
    ComputationGraph fused = Networks.init(Networks.actor(s));
    ComputationGraph layered = Networks.init(Networks.layeredActor(s, true));
    Map<String, String> map = new LinkedHashMap<>();
    map.put("body_e1W", "emb1_W");
    map.put("body_e1b", "emb1_b");
    map.put("body_e2W", "emb2_W");
    map.put("body_e2b", "emb2_b");
    map.put("body_eg", "ln0_g");
    map.put("body_eb", "ln0_b");
    for (int i = 0; i < 2; i++) {
      String b = "body_" + TransformerBodyLayer.key(i, "");
      map.put(b + "Wqkv", "att" + i + "_Wqkv");
      map.put(b + "bqkv", "att" + i + "_bqkv");
      map.put(b + "Wo", "att" + i + "_Wo");
      map.put(b + "bo", "att" + i + "_bo");
      map.put(b + "gA", "ln" + i + "a_g");
      map.put(b + "bA", "ln" + i + "a_b");
      map.put(b + "W1", "ff" + i + "a_W");
      map.put(b + "b1", "ff" + i + "a_b");
      map.put(b + "W2", "ff" + i + "b_W");
      map.put(b + "b2", "ff" + i + "b_b");
      map.put(b + "gB", "ln" + i + "b_g");
      map.put(b + "bB", "ln" + i + "b_b");
    }
    map.put("out_W", "out_W");
    map.put("out_b", "out_b");
    map.forEach((from, to) -> layered.getParam(to).assign(fused.getParam(from)));
    layered.getParam("pe_pe").assign(fused.getParam("body_pe").transpose());
    assertThat(layered.numParams()).isEqualTo(fused.numParams());

    Nd4j.getRandom().setSeed(4);
    INDArray x = Nd4j.rand(DataType.FLOAT, 3, 7, 12).subi(0.5f).muli(3f);
    INDArray a = fused.outputSingle(x);
    INDArray b = layered.outputSingle(x);
    assertThat(a.equalsWithEps(b, 1e-5)).as("max |Δ| = %s", a.sub(b).amaxNumber()).isTrue();
  }

  static boolean check(boolean fix) {
    TransformerBodyLayer body = new TransformerBodyLayer(6, 4, 2, 8, 1);
    body.setGradientFix(fix);
    return check(body);
  }

  /** Gradient check, in double precision, of a small graph around {@code body}. */
  static boolean check(TransformerBodyLayer body) {
    DataType previous = Nd4j.dataType();
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    try {
      ComputationGraphConfiguration conf =
          new NeuralNetConfiguration.Builder()
              .dataType(DataType.DOUBLE)
              .seed(5)
              .updater(new NoOp())
              .graphBuilder()
              .addInputs("in")
              .setInputTypes(InputType.recurrent(3, 4))
              .addLayer("body", body, "in")
              .addLayer(
                  "out",
                  new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE)
                      .activation(Activation.IDENTITY)
                      .nOut(2)
                      .build(),
                  "body")
              .setOutputs("out")
              .build();
      ComputationGraph g = new ComputationGraph(conf);
      g.init();
      Nd4j.getRandom().setSeed(8);
      INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 4).subi(0.5).muli(2);
      INDArray y = Nd4j.rand(DataType.DOUBLE, 2, 2, 4);
      return GradientCheckUtil.checkGradients(
          new GradientCheckUtil.GraphConfig()
              .net(g)
              .inputs(new INDArray[] {x})
              .labels(new INDArray[] {y})
              .epsilon(1e-6)
              .maxRelError(1e-3)
              .minAbsoluteError(1e-8)
              .subset(true)
              .maxPerParam(6)
              .print(GradientCheckUtil.PrintMode.ZEROS)
              .exitOnFirstError(false));
    } finally {
      Nd4j.setDefaultDataTypes(previous, previous);
    }
  }

  @Test
  void fusedBodyGradientsMatchFiniteDifferencesWithTheFix() {
    assertThat(check(true)).isTrue();
  }

  @Test
  void fusedBodyGradientsAreWrongWithoutTheFix() {
    assertThat(check(false)).isFalse();
  }
}
