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

  /** The weights of a transformer graph built by {@link Networks}. */
  public static TransformerWeights transformer(ComputationGraph g, NetworkSpec s) {
    List<BlockWeights> blocks = new ArrayList<>();
    for (int b = 0; b < s.blocks(); b++) {
      blocks.add(new BlockWeights(
          sequenceDense(g, "att" + b, CausalSelfAttentionLayer.QKV_WEIGHTS,
              CausalSelfAttentionLayer.QKV_BIAS, Activations.IDENTITY),
          sequenceDense(g, "att" + b, CausalSelfAttentionLayer.OUT_WEIGHTS,
              CausalSelfAttentionLayer.OUT_BIAS, Activations.IDENTITY),
          layerNorm(g, "ln" + b + "a"),
          sequenceDense(g, "ff" + b + "a", Activations.GELU_TANH),
          sequenceDense(g, "ff" + b + "b", Activations.IDENTITY),
          layerNorm(g, "ln" + b + "b")));
    }
    INDArray pe = g.getParam("pe_" + PositionalEmbeddingLayer.TABLE); // [d, T]
    return new TransformerWeights(
        sequenceDense(g, "emb1", Activations.RELU),
        sequenceDense(g, "emb2", Activations.RELU),
        layerNorm(g, "ln0"),
        floats(pe.transpose()),
        (int) pe.size(1),
        s.heads(),
        blocks,
        outputLayer(g, Networks.OUTPUT));
  }

  /** The three dense layers of a Markov MLP: h1, h2 (relu) and the identity head. */
  public static List<DenseWeights> mlp(ComputationGraph g) {
    return List.of(
        dense(g, "h1", "W", "b", Activations.RELU),
        dense(g, "h2", "W", "b", Activations.RELU),
        outputLayer(g, Networks.OUTPUT));
  }

  private static DenseWeights sequenceDense(ComputationGraph g, String layer, Activations act) {
    return sequenceDense(g, layer, SequenceDenseLayer.WEIGHTS, SequenceDenseLayer.BIAS, act);
  }

  private static DenseWeights sequenceDense(
      ComputationGraph g, String layer, String wKey, String bKey, Activations act) {
    return dense(g, layer, wKey, bKey, act);
  }

  private static DenseWeights outputLayer(ComputationGraph g, String layer) {
    return dense(g, layer, "W", "b", Activations.IDENTITY);
  }

  private static DenseWeights dense(
      ComputationGraph g, String layer, String wKey, String bKey, Activations act) {
    INDArray w = g.getParam(layer + "_" + wKey);
    INDArray b = g.getParam(layer + "_" + bKey);
    return new DenseWeights(floats(w), floats(b), (int) w.size(0), (int) w.size(1), act);
  }

  private static LayerNormWeights layerNorm(ComputationGraph g, String layer) {
    return new LayerNormWeights(
        floats(g.getParam(layer + "_" + LayerNormLayer.GAIN)),
        floats(g.getParam(layer + "_" + LayerNormLayer.BIAS)));
  }

  private static float[] floats(INDArray a) {
    return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
  }
}
