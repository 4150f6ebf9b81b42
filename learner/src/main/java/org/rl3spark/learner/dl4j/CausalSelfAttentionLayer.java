package org.rl3spark.learner.dl4j;

import java.util.Map;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitUtil;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Multi-head causal self-attention (spec §4.1): one projection [d, 3d] with bias produces the
 * queries, keys and values of all heads — head h uses columns h·3k + [0, k) for q, + [k, 2k) for k
 * and + [2k, 3k) for v, k = d/heads — then per head softmax(q·kᵀ/√k + causal mask)·v, the heads
 * concatenated and projected by [d, d] with bias. Position i attends to positions j ≤ i only: the
 * mask adds −1e9 to the scores of later positions, so outputs up to t do not depend on inputs after
 * t (exactly, in floating point: their weights underflow to 0).
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
  public static final double MASKED = -1e9;

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
          "attention needs a feature size divisible by the number of heads: " + nIn + " / " + heads);
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
    WeightInitUtil.initWeights(size, 3 * size, new long[] {size, 3 * size},
        WeightInit.XAVIER_UNIFORM, null, 'c', params.get(QKV_WEIGHTS));
    WeightInitUtil.initWeights(size, size, new long[] {size, size},
        WeightInit.XAVIER_UNIFORM, null, 'c', params.get(OUT_WEIGHTS));
    params.get(QKV_BIAS).assign(0);
    params.get(OUT_BIAS).assign(0);
  }

  @Override
  public SDVariable defineLayer(
      SameDiff sd, SDVariable x, Map<String, SDVariable> p, SDVariable mask) {
    long k = size / heads;
    long t = sequenceLength;
    // [mb, d, T] → [mb·T, d] → q/k/v of all heads [mb·T, 3d] → [mb, T, H, 3k] → [mb, H, T, 3k]
    SDVariable rows = sd.reshape(sd.permute(x, 0, 2, 1), -1, size);
    SDVariable qkv = sd.mmul(rows, p.get(QKV_WEIGHTS)).add(p.get(QKV_BIAS));
    SDVariable byHead = sd.permute(sd.reshape(qkv, -1, t, heads, 3 * k), 0, 2, 1, 3);
    long[] stride = {1, 1, 1, 1};
    int allButLast = 0b0111;
    SDVariable q = sd.stridedSlice(byHead, new long[] {0, 0, 0, 0}, new long[] {0, 0, 0, k},
        stride, allButLast, allButLast, 0, 0, 0);
    SDVariable kk = sd.stridedSlice(byHead, new long[] {0, 0, 0, k}, new long[] {0, 0, 0, 2 * k},
        stride, allButLast, allButLast, 0, 0, 0);
    SDVariable v = sd.stridedSlice(byHead, new long[] {0, 0, 0, 2 * k},
        new long[] {0, 0, 0, 3 * k}, stride, allButLast, allButLast, 0, 0, 0);
    SDVariable scores = sd.mmul(q, kk, false, true, false).mul(1.0 / Math.sqrt(k));
    SDVariable weights = sd.nn.softmax(scores.add(sd.constant(causalMask(scores, t))), -1);
    SDVariable heads4 = sd.mmul(weights, v); // [mb, H, T, k]
    SDVariable joined = sd.reshape(sd.permute(heads4, 0, 2, 1, 3), -1, size); // [mb·T, d]
    SDVariable out = sd.mmul(joined, p.get(OUT_WEIGHTS)).add(p.get(OUT_BIAS));
    SDVariable seq = sd.permute(sd.reshape(out, -1, t, size), 0, 2, 1);
    return SdOps.halveGradient(sd, seq, gradientFix);
  }

  private static INDArray causalMask(SDVariable like, long t) {
    INDArray m = Nd4j.zeros(like.dataType(), t, t);
    for (int i = 0; i < t; i++) {
      for (int j = i + 1; j < t; j++) {
        m.putScalar(i, j, MASKED);
      }
    }
    return m;
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
