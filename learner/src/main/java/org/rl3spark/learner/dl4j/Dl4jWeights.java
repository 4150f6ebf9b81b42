package org.rl3spark.learner.dl4j;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rl3spark.learner.infer.BlockWeights;
import org.rl3spark.learner.infer.DenseWeights;
import org.rl3spark.learner.infer.LayerNormWeights;
import org.rl3spark.learner.infer.TransformerWeights;
import org.rl3spark.learner.net.Activations;
import org.rl3spark.learner.net.NetworkSpec;

/** Copies a graph's parameters into the plain arrays of the incremental path. */
public final class Dl4jWeights {

  private Dl4jWeights() {}

  /** The weights of a transformer graph built by {@link Networks} (its fused body). */
  public static TransformerWeights transformer(ComputationGraph g, NetworkSpec s) {
    String b = Networks.BODY + "_";
    List<BlockWeights> blocks = new ArrayList<>();
    for (int i = 0; i < s.blocks(); i++) {
      String k = b + TransformerBodyLayer.key(i, "");
      blocks.add(
          new BlockWeights(
              dense(g, k + "Wqkv", k + "bqkv", Activations.IDENTITY),
              dense(g, k + "Wo", k + "bo", Activations.IDENTITY),
              new LayerNormWeights(floats(g.getParam(k + "gA")), floats(g.getParam(k + "bA"))),
              dense(g, k + "W1", k + "b1", Activations.GELU_TANH),
              dense(g, k + "W2", k + "b2", Activations.IDENTITY),
              new LayerNormWeights(floats(g.getParam(k + "gB")), floats(g.getParam(k + "bB")))));
    }
    INDArray pe = g.getParam(b + TransformerBodyLayer.PE); // [T, d]
    return new TransformerWeights(
        dense(g, b + TransformerBodyLayer.E1W, b + TransformerBodyLayer.E1B, Activations.RELU),
        dense(g, b + TransformerBodyLayer.E2W, b + TransformerBodyLayer.E2B, Activations.RELU),
        new LayerNormWeights(
            floats(g.getParam(b + TransformerBodyLayer.EG)),
            floats(g.getParam(b + TransformerBodyLayer.EB))),
        floats(pe),
        (int) pe.size(0),
        s.heads(),
        blocks,
        dense(g, Networks.OUTPUT + "_W", Networks.OUTPUT + "_b", Activations.IDENTITY));
  }

  /** The three dense layers of a Markov MLP: h1, h2 (relu) and the identity head. */
  public static List<DenseWeights> mlp(ComputationGraph g) {
    return List.of(
        dense(g, "h1", "W", "b", Activations.RELU),
        dense(g, "h2", "W", "b", Activations.RELU),
        outputLayer(g, Networks.OUTPUT));
  }

  private static DenseWeights outputLayer(ComputationGraph g, String layer) {
    return dense(g, layer + "_W", layer + "_b", Activations.IDENTITY);
  }

  private static DenseWeights dense(
      ComputationGraph g, String layer, String wKey, String bKey, Activations act) {
    return dense(g, layer + "_" + wKey, layer + "_" + bKey, act);
  }

  private static DenseWeights dense(
      ComputationGraph g, String wName, String bName, Activations act) {
    INDArray w = g.getParam(wName);
    INDArray b = g.getParam(bName);
    return new DenseWeights(floats(w), floats(b), (int) w.size(0), (int) w.size(1), act);
  }

  private static float[] floats(INDArray a) {
    return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
  }
}
