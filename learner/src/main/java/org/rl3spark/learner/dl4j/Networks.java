package org.rl3spark.learner.dl4j;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.rl3spark.learner.net.Activations;
import org.rl3spark.learner.net.Architecture;
import org.rl3spark.learner.net.NetworkSpec;

/**
 * Builds the actor and critic graphs of a {@link NetworkSpec}. Layer names are stable (the
 * incremental path reads parameters by name): transformer {@code body} ({@link
 * DirectTransformerBodyLayer}, the parameters of {@link TransformerBodyLayer}) and {@code out}
 * ({@link SequenceOutputLayer}, DL4J's RNN output layer with a leaner backward pass); Markov {@code
 * h1}, {@code h2}, {@code out}; LSTM {@code in1}, {@code lstm}, {@code out}.
 */
public final class Networks {

  /** Name of the graph input. */
  public static final String INPUT = "obs";

  /** Name of the output layer. */
  public static final String OUTPUT = "out";

  /** Name of the fused transformer body. */
  public static final String BODY = "body";

  private Networks() {}

  /** The actor: logits over actions (identity output, PPO loss). */
  public static ComputationGraphConfiguration actor(NetworkSpec s) {
    return build(s, s.horizon(), s.numActions(), new PpoActorLoss(0.2), 0, true);
  }

  /** The critic: one value per position (identity output, ½ squared error, coupled L2). */
  public static ComputationGraphConfiguration critic(NetworkSpec s) {
    return build(s, s.horizon() + 1, 1, new CriticLoss(), s.criticL2(), true);
  }

  /**
   * The actor assembled from individual layers and residual vertices instead of {@link
   * TransformerBodyLayer} (layer names {@code emb1, emb2, ln0, pe}, per block b {@code att<b>,
   * ln<b>a, ff<b>a, ff<b>b, ln<b>b}, then {@code relu}, {@code out}).
   */
  static ComputationGraphConfiguration layeredActor(NetworkSpec s, boolean gradientFix) {
    var g =
        new NeuralNetConfiguration.Builder()
            .dataType(DataType.FLOAT)
            .seed(s.seed())
            .weightInit(WeightInit.XAVIER_UNIFORM)
            .updater(
                new Adam(
                    s.learningRate(),
                    NetworkSpec.ADAM_BETA1,
                    NetworkSpec.ADAM_BETA2,
                    NetworkSpec.ADAM_EPSILON))
            .graphBuilder()
            .addInputs(INPUT);
    return layeredTransformer(
        g, s, s.horizon(), s.numActions(), new PpoActorLoss(0.2), gradientFix);
  }

  /**
   * An initialised graph for a configuration. A {@link DirectTransformerBody} fed by the graph's
   * input skips the gradient for its input (nothing uses it: see {@link
   * DirectTransformerBody#inputGradient(boolean)}).
   */
  public static ComputationGraph init(ComputationGraphConfiguration conf) {
    ComputationGraph g = new ComputationGraph(conf);
    g.init();
    GraphVertex[] vertices = g.getVertices();
    for (GraphVertex v : vertices) {
      if (v.hasLayer() && v.getLayer() instanceof DirectTransformerBody body) {
        boolean fromInputs = v.getInputVertices() != null;
        for (VertexIndices in : fromInputs ? v.getInputVertices() : new VertexIndices[0]) {
          fromInputs &= vertices[in.getVertexIndex()].isInputVertex();
        }
        body.inputGradient(!fromInputs);
      }
    }
    return g;
  }

  /**
   * A graph builder for a spec.
   *
   * @param length sequence length of the graph (H for actors, H + 1 for critics)
   * @param outputs output width
   * @param loss loss of the output layer
   * @param l2 coupled L2 on all parameters (weights and biases)
   * @param gradientFix apply the DL4J M2.x SameDiff gradient fix (only a test turns it off)
   */
  static ComputationGraphConfiguration build(
      NetworkSpec s, int length, int outputs, ILossFunction loss, double l2, boolean gradientFix) {
    var base =
        new NeuralNetConfiguration.Builder()
            .dataType(DataType.FLOAT)
            .seed(s.seed())
            .weightInit(WeightInit.XAVIER_UNIFORM)
            .updater(
                new Adam(
                    s.learningRate(),
                    NetworkSpec.ADAM_BETA1,
                    NetworkSpec.ADAM_BETA2,
                    NetworkSpec.ADAM_EPSILON));
    if (l2 > 0) {
      base.l2(l2).l2Bias(l2);
    }
    var g = base.graphBuilder().addInputs(INPUT);
    return switch (s.architecture()) {
      case TRANSFORMER -> transformer(g, s, length, outputs, loss, gradientFix);
      case MARKOV -> markov(g, s, outputs, loss);
      case LSTM -> lstm(g, s, length, outputs, loss);
    };
  }

  private static ComputationGraphConfiguration layeredTransformer(
      ComputationGraphConfiguration.GraphBuilder g,
      NetworkSpec s,
      int length,
      int outputs,
      ILossFunction loss,
      boolean fix) {
    g.setInputTypes(InputType.recurrent(s.inputSize(), length));
    g.addLayer("emb1", fix(new SequenceDenseLayer(s.hidden(), Activations.RELU), fix), INPUT);
    g.addLayer("emb2", fix(new SequenceDenseLayer(s.dModel(), Activations.RELU), fix), "emb1");
    g.addLayer("ln0", fix(new LayerNormLayer(), fix), "emb2");
    g.addLayer("pe", fix(new PositionalEmbeddingLayer(), fix), "ln0");
    String x = "pe";
    for (int b = 0; b < s.blocks(); b++) {
      g.addLayer("att" + b, fix(new CausalSelfAttentionLayer(s.heads()), fix), x);
      g.addVertex("res" + b + "a", new ElementWiseVertex(ElementWiseVertex.Op.Add), x, "att" + b);
      g.addLayer("ln" + b + "a", fix(new LayerNormLayer(), fix), "res" + b + "a");
      g.addLayer(
          "ff" + b + "a",
          fix(new SequenceDenseLayer(s.ffSize(), Activations.GELU_TANH), fix),
          "ln" + b + "a");
      g.addLayer(
          "ff" + b + "b",
          fix(new SequenceDenseLayer(s.dModel(), Activations.IDENTITY), fix),
          "ff" + b + "a");
      g.addVertex(
          "res" + b + "b",
          new ElementWiseVertex(ElementWiseVertex.Op.Add),
          "ln" + b + "a",
          "ff" + b + "b");
      g.addLayer("ln" + b + "b", fix(new LayerNormLayer(), fix), "res" + b + "b");
      x = "ln" + b + "b";
    }
    g.addLayer("relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), x);
    g.addLayer(
        OUTPUT,
        new RnnOutputLayer.Builder()
            .lossFunction(loss)
            .activation(Activation.IDENTITY)
            .nOut(outputs)
            .build(),
        "relu");
    return g.setOutputs(OUTPUT).build();
  }

  private static ComputationGraphConfiguration transformer(
      ComputationGraphConfiguration.GraphBuilder g,
      NetworkSpec s,
      int length,
      int outputs,
      ILossFunction loss,
      boolean fix) {
    g.setInputTypes(InputType.recurrent(s.inputSize(), length));
    g.addLayer(
        BODY,
        fix(
            new DirectTransformerBodyLayer(
                s.hidden(), s.dModel(), s.heads(), s.ffSize(), s.blocks()),
            fix),
        INPUT);
    g.addLayer(OUTPUT, SequenceOutputLayer.identity(outputs, loss), BODY);
    return g.setOutputs(OUTPUT).build();
  }

  private static ComputationGraphConfiguration markov(
      ComputationGraphConfiguration.GraphBuilder g,
      NetworkSpec s,
      int outputs,
      ILossFunction loss) {
    g.setInputTypes(InputType.feedForward(s.inputSize()));
    g.addLayer(
        "h1", new DenseLayer.Builder().nOut(s.hidden()).activation(Activation.RELU).build(), INPUT);
    g.addLayer(
        "h2", new DenseLayer.Builder().nOut(s.hidden()).activation(Activation.RELU).build(), "h1");
    g.addLayer(
        OUTPUT,
        new OutputLayer.Builder()
            .lossFunction(loss)
            .activation(Activation.IDENTITY)
            .nOut(outputs)
            .build(),
        "h2");
    return g.setOutputs(OUTPUT).build();
  }

  private static ComputationGraphConfiguration lstm(
      ComputationGraphConfiguration.GraphBuilder g,
      NetworkSpec s,
      int length,
      int outputs,
      ILossFunction loss) {
    g.setInputTypes(InputType.recurrent(s.inputSize(), length));
    g.addLayer(
        "in1",
        new DenseLayer.Builder().nOut(NetworkSpec.LSTM_INPUT).activation(Activation.RELU).build(),
        INPUT);
    g.addLayer(
        "lstm", new LSTM.Builder().nOut(s.hidden()).activation(Activation.TANH).build(), "in1");
    g.addLayer(
        OUTPUT,
        new RnnOutputLayer.Builder()
            .lossFunction(loss)
            .activation(Activation.IDENTITY)
            .nOut(outputs)
            .build(),
        "lstm");
    return g.setOutputs(OUTPUT).build();
  }

  private static <T extends SequenceLayer> T fix(T layer, boolean fix) {
    layer.setGradientFix(fix);
    return layer;
  }

  /** Whether a spec's graphs take sequences [mb, m, T] (else rows [mb, m]). */
  public static boolean sequential(NetworkSpec s) {
    return s.architecture() != Architecture.MARKOV;
  }
}
