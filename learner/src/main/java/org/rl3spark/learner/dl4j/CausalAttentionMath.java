package org.rl3spark.learner.dl4j;

import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;

/**
 * Multi-head causal self-attention between the QKV and output projections, and its gradient,
 * written out (the function of {@link SdOps#causalAttention} without the two dense products). Rows
 * are [B·T, ·], position-major within each sequence; a row of QKV holds, per head h, that head's
 * query, key and value (k = d / heads values each) at columns h·3k … h·3k + 3k, as the reshape of
 * {@link SdOps} lays them out. QKV, the head outputs and their gradients are native ({@link
 * Sgemm}); per sequence and head the products run as sgemm on those rows in place (leading
 * dimension 3d or d), so no head is gathered or scattered. The softmax (its exponentials by {@link
 * ShiftedExp}) and its gradient run on a Java copy of one head's scores and skip the masked
 * (future) positions, whose probabilities are 0. Keeps the attention probabilities of the last
 * forward pass (in Java and native) for the backward pass.
 */
final class CausalAttentionMath {

  private final int t;
  private final int d;
  private final int heads;
  private final int k;
  private final float scale;
  private final Sgemm blas;
  private final float[] dp;
  private final float[] shift;
  private final FloatPointer dpN;
  private FloatPointer probs;
  private float[][] probsJ = new float[0][];
  private int capacity;

  CausalAttentionMath(int t, int d, int heads, Sgemm blas) {
    this.t = t;
    this.d = d;
    this.heads = heads;
    this.k = d / heads;
    this.scale = (float) (1 / Math.sqrt(k));
    this.blas = blas;
    dp = new float[t * t];
    shift = new float[t * t];
    dpN = Sgemm.allocate((long) t * t);
  }

  /** qkv [batch·T, 3d] → joined head outputs [batch·T, d] (both native). */
  void forward(FloatPointer qkv, int batch, FloatPointer joined) {
    if (capacity < batch) {
      if (probs != null) {
        probs.close();
      }
      probs = Sgemm.allocate((long) batch * heads * t * t);
      float[][] grown = new float[batch * heads][];
      System.arraycopy(probsJ, 0, grown, 0, probsJ.length);
      for (int i = probsJ.length; i < grown.length; i++) {
        grown[i] = new float[t * t];
      }
      probsJ = grown;
      capacity = batch;
    }
    int w = 3 * d;
    for (int b = 0; b < batch; b++) {
      for (int h = 0; h < heads; h++) {
        long q = (long) b * t * w + h * 3 * k;
        long pp = (long) (b * heads + h) * t * t;
        // the scores in the (cache-resident) scratch, the probabilities into the kept buffer
        blas.gemm(false, true, t, t, k, scale, qkv, q, w, qkv, q + k, w, 0f, dpN, 0, t);
        float[] p = probsJ[b * heads + h];
        blas.get(dpN, 0, p, t * t);
        softmaxCausal(p);
        blas.put(p, t * t, probs, pp);
        blas.gemm(
            false,
            false,
            t,
            k,
            t,
            1f,
            probs,
            pp,
            t,
            qkv,
            q + 2 * k,
            w,
            0f,
            joined,
            (long) b * t * d + h * k,
            d);
      }
    }
  }

  /**
   * dL/d joined [batch·T, d] → dL/d qkv [batch·T, 3d] (overwritten; all native), for the last
   * forward.
   */
  void backward(FloatPointer qkv, FloatPointer dJoined, int batch, FloatPointer dQkv) {
    int w = 3 * d;
    for (int b = 0; b < batch; b++) {
      for (int h = 0; h < heads; h++) {
        long q = (long) b * t * w + h * 3 * k;
        long o = (long) b * t * d + h * k;
        long pp = (long) (b * heads + h) * t * t;
        // dP = dO·Vᵀ, dV = Pᵀ·dO
        blas.gemm(false, true, t, t, k, 1f, dJoined, o, d, qkv, q + 2 * k, w, 0f, dpN, 0, t);
        blas.gemm(true, false, t, k, t, 1f, probs, pp, t, dJoined, o, d, 0f, dQkv, q + 2 * k, w);
        float[] p = probsJ[b * heads + h];
        blas.get(dpN, 0, dp, t * t);
        for (int i = 0; i < t; i++) {
          int r = i * t;
          float dot = 0;
          for (int j = 0; j <= i; j++) {
            dot += p[r + j] * dp[r + j];
          }
          for (int j = 0; j <= i; j++) {
            float ds = p[r + j] * (dp[r + j] - dot) * scale;
            dp[r + j] = Math.abs(ds) < MIN_SCORE_GRADIENT ? 0f : ds;
          }
          Arrays.fill(dp, r + i + 1, r + t, 0f);
        }
        blas.put(dp, t * t, dpN, 0);
        // dQ = dS·K, dK = dSᵀ·Q
        blas.gemm(false, false, t, k, t, 1f, dpN, 0, t, qkv, q + k, w, 0f, dQkv, q, w);
        blas.gemm(true, false, t, k, t, 1f, dpN, 0, t, qkv, q, w, 0f, dQkv, q + k, w);
      }
    }
  }

  /**
   * Attention weights below this are zero. A trained network's attention is sharp: many weights are
   * e^−87 (the exponential's floor) over the row's sum, subnormal floats, and every product with
   * them in the forward and backward matrix products takes a microcode assist. A weight of 1e−20
   * beside the row's largest (at least 1/t) changes no sum above float rounding.
   */
  static final float MIN_PROBABILITY = 1e-20f;

  /**
   * Score gradients dS below this in magnitude are zero, so that dQ = dS·K and dK = dSᵀ·Q stay
   * normal floats when keys or queries are small (see {@link Denormals}: a trained RL² bandit
   * checkpoint's first update made 1.3 M subnormal dQ and dK values, and the weight-gradient
   * product of the qkv layers took 20× a fresh network's). The score gradients that matter are
   * above 1e−8.
   */
  static final float MIN_SCORE_GRADIENT = 1e-20f;

  /**
   * Row-wise softmax over the positions j ≤ i of each row i, weights below {@link #MIN_PROBABILITY}
   * set to 0; later positions become 0.
   */
  private void softmaxCausal(float[] p) {
    for (int i = 0; i < t; i++) {
      int r = i * t;
      float max = p[r];
      for (int j = 1; j <= i; j++) {
        max = Math.max(max, p[r + j]);
      }
      Arrays.fill(shift, r, r + t, max);
    }
    // all t² entries in one vectorised pass (the masked ones are cleared below)
    ShiftedExp.apply(p, shift, t * t);
    for (int i = 0; i < t; i++) {
      int r = i * t;
      float sum = 0;
      for (int j = 0; j <= i; j++) {
        sum += p[r + j];
      }
      float inv = 1f / sum;
      for (int j = 0; j <= i; j++) {
        float q = p[r + j] * inv;
        p[r + j] = q < MIN_PROBABILITY ? 0f : q;
      }
      Arrays.fill(p, r + i + 1, r + t, 0f);
    }
  }
}
