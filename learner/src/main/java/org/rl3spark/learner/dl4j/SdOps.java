package org.rl3spark.learner.dl4j;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.nd4j.linalg.factory.Nd4j;
import org.rl3spark.learner.net.Activations;

/**
 * SameDiff building blocks shared by the custom layers: one implementation of each operation.
 *
 * <p>Most work on "rows" [mb·T, d] (position-major within each sequence), which is what dense
 * layers want and costs no permutes between them: SameDiff in DL4J M2.x spends a roughly fixed,
 * large Java-side cost per executed op, so the fused {@link TransformerBodyLayer} converts its [mb,
 * d, T] input to rows once and back once. {@link #toRows} and {@link #toSequence} convert.
 */
final class SdOps {

  /** Flux's LayerNorm epsilon, added to the standard deviation (not to the variance). */
  static final double LAYER_NORM_EPSILON = 1e-5;

  /** sqrt(2/π)·2: 0.5·(1 + tanh(z)) = sigmoid(2z). */
  private static final double GELU_SCALE = 2 * Math.sqrt(2 / Math.PI);

  private SdOps() {}

  /**
   * The DL4J M2.x gradient fix: 0.5·y + 0.5·stopGradient(y) has the value of y and half its
   * gradient, which cancels the doubling DL4J applies to every SameDiffLayer's gradients.
   */
  static SDVariable halveGradient(SameDiff sd, SDVariable y, boolean enabled) {
    if (!enabled) {
      return y;
    }
    SDVariable frozen = new StopGradient(sd, y).outputVariable();
    return y.mul(0.5).add(frozen.mul(0.5));
  }

  /** [mb, n, T] → rows [mb·T, n]. */
  static SDVariable toRows(SameDiff sd, SDVariable x, long n) {
    return sd.reshape(sd.permute(x, 0, 2, 1), -1, n);
  }

  /** Rows [mb·T, n] → [mb, n, T]. */
  static SDVariable toSequence(SameDiff sd, SDVariable rows, long t, long n) {
    return sd.permute(sd.reshape(rows, -1, t, n), 0, 2, 1);
  }

  /** act(rows·W + b). */
  static SDVariable dense(
      SameDiff sd, SDVariable rows, SDVariable w, SDVariable b, Activations act) {
    SDVariable z = sd.mmul(rows, w).add(b);
    return switch (act) {
      case IDENTITY -> z;
      case RELU -> sd.nn.relu(z, 0);
      case GELU_TANH -> geluTanh(sd, z);
    };
  }

  /**
   * Layer normalisation of each row: (x − μ) / (σ + ε)·g + b with the population σ and ε = 1e-5
   * added to σ, as Flux 0.14 computes it (reference §4.1). (ND4J's native layer_norm has no
   * epsilon, so a constant row would divide by zero.)
   */
  static SDVariable layerNorm(SameDiff sd, SDVariable rows, SDVariable gain, SDVariable bias) {
    SDVariable centred = rows.sub(rows.mean(true, 1));
    SDVariable std = sd.math.sqrt(centred.mul(centred).mean(true, 1));
    return centred.div(std.add(LAYER_NORM_EPSILON)).mul(gain).add(bias);
  }

  /**
   * GELU, tanh approximation 0.5·x·(1 + tanh(sqrt(2/π)·(x + 0.044715·x³))) (NNlib's gelu), computed
   * as x·sigmoid(2·sqrt(2/π)·(x + 0.044715·x³)), which is the same function.
   */
  static SDVariable geluTanh(SameDiff sd, SDVariable x) {
    SDVariable inner = x.add(x.mul(x).mul(x).mul(0.044715)).mul(GELU_SCALE);
    return x.mul(sd.nn.sigmoid(inner));
  }

  /**
   * Multi-head causal self-attention on rows [mb·T, d] (the layout of {@link
   * CausalSelfAttentionLayer}): returns rows [mb·T, d].
   */
  static SDVariable causalAttention(
      SameDiff sd,
      SDVariable rows,
      SDVariable wqkv,
      SDVariable bqkv,
      SDVariable wo,
      SDVariable bo,
      long size,
      int heads,
      long t) {
    long k = size / heads;
    SDVariable qkv = sd.mmul(rows, wqkv).add(bqkv);
    SDVariable byHead = sd.permute(sd.reshape(qkv, -1, t, heads, 3 * k), 0, 2, 1, 3);
    long[] stride = {1, 1, 1, 1};
    int allButLast = 0b0111;
    SDVariable q =
        sd.stridedSlice(
            byHead,
            new long[] {0, 0, 0, 0},
            new long[] {0, 0, 0, k},
            stride,
            allButLast,
            allButLast,
            0,
            0,
            0);
    SDVariable kk =
        sd.stridedSlice(
            byHead,
            new long[] {0, 0, 0, k},
            new long[] {0, 0, 0, 2 * k},
            stride,
            allButLast,
            allButLast,
            0,
            0,
            0);
    SDVariable v =
        sd.stridedSlice(
            byHead,
            new long[] {0, 0, 0, 2 * k},
            new long[] {0, 0, 0, 3 * k},
            stride,
            allButLast,
            allButLast,
            0,
            0,
            0);
    SDVariable scores = sd.mmul(q, kk, false, true, false).mul(1.0 / Math.sqrt(k));
    SDVariable weights = sd.nn.softmax(scores.add(sd.constant(causalMask(scores, t))), -1);
    SDVariable heads4 = sd.mmul(weights, v); // [mb, H, T, k]
    SDVariable joined = sd.reshape(sd.permute(heads4, 0, 2, 1, 3), -1, size); // [mb·T, d]
    return sd.mmul(joined, wo).add(bo);
  }

  private static INDArray causalMask(SDVariable like, long t) {
    INDArray m = Nd4j.zeros(like.dataType(), t, t);
    for (int i = 0; i < t; i++) {
      for (int j = i + 1; j < t; j++) {
        m.putScalar(i, j, CausalSelfAttentionLayer.MASKED);
      }
    }
    return m;
  }
}
