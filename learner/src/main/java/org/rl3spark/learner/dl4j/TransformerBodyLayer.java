package org.rl3spark.learner.dl4j;

import java.util.Map;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitUtil;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rl3spark.learner.net.Activations;

/**
 * The whole transformer body of reference §4.1 as one SameDiff layer: Dense(m→hidden, relu),
 * Dense(hidden→d, relu), layer norm, + learned positions, then {@code blocks} causal post-norm
 * decoder blocks x ← LN(x + Attn(x)); x ← LN(x + FF₂(GELU(FF₁(x)))), then relu. Its operations are
 * those of {@link CausalSelfAttentionLayer}, {@link LayerNormLayer}, {@link
 * PositionalEmbeddingLayer} and {@link SequenceDenseLayer} (shared {@link SdOps}); a test asserts
 * that this layer and the same network assembled from those layers compute the same function.
 * Fusing matters for speed: DL4J M2.x SameDiff pays a large fixed Java cost per op and per layer
 * crossing, and here the [mb, d, T] ↔ rows conversions happen once.
 *
 * <p>Parameter keys: {@code e1W, e1b, e2W, e2b, eg, eb} (input MLP and its layer norm), {@code pe}
 * ([T, d], position-major), and per block i {@code b<i>Wqkv, b<i>bqkv, b<i>Wo, b<i>bo, b<i>gA,
 * b<i>bA, b<i>W1, b<i>b1, b<i>W2, b<i>b2, b<i>gB, b<i>bB}.
 */
public class TransformerBodyLayer extends SequenceLayer {

  /** Parameter keys of the input stage. */
  public static final String E1W = "e1W";

  public static final String E1B = "e1b";
  public static final String E2W = "e2W";
  public static final String E2B = "e2b";
  public static final String EG = "eg";
  public static final String EB = "eb";
  public static final String PE = "pe";

  private long nIn;
  private long hidden;
  private long size;
  private int heads;
  private long ffSize;
  private int blocks;

  /** For JSON. */
  public TransformerBodyLayer() {}

  /** A body with the given widths and depth. */
  public TransformerBodyLayer(long hidden, long size, int heads, long ffSize, int blocks) {
    this.hidden = hidden;
    this.size = size;
    this.heads = heads;
    this.ffSize = ffSize;
    this.blocks = blocks;
  }

  /**
   * Key of a block parameter, e.g. {@code b0Wqkv} (DL4J splits parameter names at the last
   * underscore, so keys have none).
   */
  public static String key(int block, String name) {
    return "b" + block + name;
  }

  @Override
  protected long outputSize(long in) {
    return size;
  }

  @Override
  protected void inputSize(long in) {
    if (heads < 1 || size % heads != 0) {
      throw new IllegalStateException("d_model " + size + " not divisible by " + heads + " heads");
    }
    nIn = in;
  }

  @Override
  public void defineParameters(SDLayerParams p) {
    p.clear();
    p.addWeightParam(E1W, nIn, hidden);
    p.addBiasParam(E1B, hidden);
    p.addWeightParam(E2W, hidden, size);
    p.addBiasParam(E2B, size);
    p.addWeightParam(EG, size);
    p.addBiasParam(EB, size);
    p.addWeightParam(PE, sequenceLength, size);
    for (int i = 0; i < blocks; i++) {
      p.addWeightParam(key(i, "Wqkv"), size, 3 * size);
      p.addBiasParam(key(i, "bqkv"), 3 * size);
      p.addWeightParam(key(i, "Wo"), size, size);
      p.addBiasParam(key(i, "bo"), size);
      p.addWeightParam(key(i, "gA"), size);
      p.addBiasParam(key(i, "bA"), size);
      p.addWeightParam(key(i, "W1"), size, ffSize);
      p.addBiasParam(key(i, "b1"), ffSize);
      p.addWeightParam(key(i, "W2"), ffSize, size);
      p.addBiasParam(key(i, "b2"), size);
      p.addWeightParam(key(i, "gB"), size);
      p.addBiasParam(key(i, "bB"), size);
    }
  }

  @Override
  public void initializeParameters(Map<String, INDArray> p) {
    glorot(p.get(E1W), nIn, hidden);
    glorot(p.get(E2W), hidden, size);
    p.get(EG).assign(1);
    INDArray pe = p.get(PE);
    pe.assign(Nd4j.randn(pe.dataType(), pe.shape()).muli(PositionalEmbeddingLayer.INIT_STD));
    for (int i = 0; i < blocks; i++) {
      glorot(p.get(key(i, "Wqkv")), size, 3 * size);
      glorot(p.get(key(i, "Wo")), size, size);
      glorot(p.get(key(i, "W1")), size, ffSize);
      glorot(p.get(key(i, "W2")), ffSize, size);
      p.get(key(i, "gA")).assign(1);
      p.get(key(i, "gB")).assign(1);
    }
    for (Map.Entry<String, INDArray> e : p.entrySet()) {
      if (getLayerParams().isBiasParam(e.getKey())) {
        e.getValue().assign(0);
      }
    }
  }

  private static void glorot(INDArray w, long in, long out) {
    WeightInitUtil.initWeights(
        in, out, new long[] {in, out}, WeightInit.XAVIER_UNIFORM, null, 'c', w);
  }

  @Override
  public SDVariable defineLayer(
      SameDiff sd, SDVariable x, Map<String, SDVariable> p, SDVariable mask) {
    long t = sequenceLength;
    SDVariable rows = SdOps.toRows(sd, x, nIn);
    rows = SdOps.dense(sd, rows, p.get(E1W), p.get(E1B), Activations.RELU);
    rows = SdOps.dense(sd, rows, p.get(E2W), p.get(E2B), Activations.RELU);
    rows = SdOps.layerNorm(sd, rows, p.get(EG), p.get(EB));
    rows = sd.reshape(sd.reshape(rows, -1, t, size).add(p.get(PE)), -1, size);
    for (int i = 0; i < blocks; i++) {
      SDVariable att =
          SdOps.causalAttention(
              sd,
              rows,
              p.get(key(i, "Wqkv")),
              p.get(key(i, "bqkv")),
              p.get(key(i, "Wo")),
              p.get(key(i, "bo")),
              size,
              heads,
              t);
      SDVariable a = SdOps.layerNorm(sd, rows.add(att), p.get(key(i, "gA")), p.get(key(i, "bA")));
      SDVariable f =
          SdOps.dense(sd, a, p.get(key(i, "W1")), p.get(key(i, "b1")), Activations.GELU_TANH);
      f = SdOps.dense(sd, f, p.get(key(i, "W2")), p.get(key(i, "b2")), Activations.IDENTITY);
      rows = SdOps.layerNorm(sd, a.add(f), p.get(key(i, "gB")), p.get(key(i, "bB")));
    }
    rows = sd.nn.relu(rows, 0);
    return SdOps.halveGradient(sd, SdOps.toSequence(sd, rows, t, size), gradientFix);
  }

  public long getNIn() {
    return nIn;
  }

  public void setNIn(long nIn) {
    this.nIn = nIn;
  }

  public long getHidden() {
    return hidden;
  }

  public void setHidden(long hidden) {
    this.hidden = hidden;
  }

  public long getSize() {
    return size;
  }

  public void setSize(long size) {
    this.size = size;
  }

  public int getHeads() {
    return heads;
  }

  public void setHeads(int heads) {
    this.heads = heads;
  }

  public long getFfSize() {
    return ffSize;
  }

  public void setFfSize(long ffSize) {
    this.ffSize = ffSize;
  }

  public int getBlocks() {
    return blocks;
  }

  public void setBlocks(int blocks) {
    this.blocks = blocks;
  }
}
