package org.rl3spark.learner.dl4j;

import java.util.Map;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitUtil;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Multi-head causal self-attention (reference §4.1): one projection [d, 3d] with bias produces the
 * queries, keys and values of all heads — head h uses columns h·3k + [0, k) for q, + [k, 2k) for k
 * and + [2k, 3k) for v, k = d/heads — then per head softmax(q·kᵀ/√k + causal mask)·v, the heads
 * concatenated and projected by [d, d] with bias. Position i attends to positions j ≤ i only: the
 * mask adds −∞ to the scores of later positions, so outputs up to t do not depend on inputs after t
 * (exactly, in floating point: their weights are exp(−∞) = 0). A finite mask such as −1e9 gives the
 * same weights, but every masked exp then underflows into libm's slow path, which cost a measurable
 * share of the update.
 */
public class CausalSelfAttentionLayer extends SequenceLayer {

  /** Parameter key of the joint q/k/v projection, [d, 3d]. */
  public static final String QKV_WEIGHTS = "Wqkv";

  /** Parameter key of its bias, [3d]. */
  public static final String QKV_BIAS = "bqkv";

  /** Parameter key of the output projection, [d, d]. */
  public static final String OUT_WEIGHTS = "Wo";

  /** Parameter key of its bias, [d]. */
  public static final String OUT_BIAS = "bo";

  /** Added to the scores of future positions. */
  public static final double MASKED = Double.NEGATIVE_INFINITY;

  private long size;
  private int heads;

  /** For JSON. */
  public CausalSelfAttentionLayer() {}

  /** Attention with {@code heads} heads (the feature size must be a multiple of it). */
  public CausalSelfAttentionLayer(int heads) {
    this.heads = heads;
  }

  @Override
  protected long outputSize(long nIn) {
    return nIn;
  }

  @Override
  protected void inputSize(long nIn) {
    if (heads < 1 || nIn % heads != 0) {
      throw new IllegalStateException(
          "attention needs a feature size divisible by the number of heads: "
              + nIn
              + " / "
              + heads);
    }
    size = nIn;
  }

  @Override
  public void defineParameters(SDLayerParams params) {
    params.clear();
    params.addWeightParam(QKV_WEIGHTS, size, 3 * size);
    params.addBiasParam(QKV_BIAS, 3 * size);
    params.addWeightParam(OUT_WEIGHTS, size, size);
    params.addBiasParam(OUT_BIAS, size);
  }

  @Override
  public void initializeParameters(Map<String, INDArray> params) {
    WeightInitUtil.initWeights(
        size,
        3 * size,
        new long[] {size, 3 * size},
        WeightInit.XAVIER_UNIFORM,
        null,
        'c',
        params.get(QKV_WEIGHTS));
    WeightInitUtil.initWeights(
        size,
        size,
        new long[] {size, size},
        WeightInit.XAVIER_UNIFORM,
        null,
        'c',
        params.get(OUT_WEIGHTS));
    params.get(QKV_BIAS).assign(0);
    params.get(OUT_BIAS).assign(0);
  }

  @Override
  public SDVariable defineLayer(
      SameDiff sd, SDVariable x, Map<String, SDVariable> p, SDVariable mask) {
    SDVariable rows =
        SdOps.causalAttention(
            sd,
            SdOps.toRows(sd, x, size),
            p.get(QKV_WEIGHTS),
            p.get(QKV_BIAS),
            p.get(OUT_WEIGHTS),
            p.get(OUT_BIAS),
            size,
            heads,
            sequenceLength);
    return SdOps.halveGradient(sd, SdOps.toSequence(sd, rows, sequenceLength, size), gradientFix);
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
}
