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
 * ShiftedExp}) and its gradient run on a Java copy of one head's scores and touch only the causal
 * (lower) triangle: the softmax packs the triangle's rows end to end, so that its exponentials run
 * as one loop over t(t + 1)/2 values instead of t², and the masked (future) probabilities stay 0.
 *
 * <p>The probabilities of the last forward pass are kept for the backward pass as these packed
 * triangles (half of the t² matrix: the forward pass writes them once and the backward pass reads
 * them once, and at the sizes here that memory traffic, not the arithmetic, is what the attention
 * costs).
 */
final class CausalAttentionMath {

  private final int t;
  private final int d;
  private final int heads;
  private final int k;
  private final float scale;
  private final Sgemm blas;

  /** Values in one head's packed causal triangle: t(t + 1)/2. */
  private final int tri;

  /** One head's scores (t × t, from native). */
  private final float[] sc;

  /** One head's probabilities (t × t); the upper triangle is never written, so it stays 0. */
  private final float[] p;

  /** One head's score gradients (t × t). */
  private final float[] dp;

  /** One head's causal triangle packed row after row, and its shifts. */
  private final float[] packed;

  private final float[] shift;

  /** Native scratch: one head's scores or score gradients, and its probabilities (t × t each). */
  private final FloatPointer dpN;

  private final FloatPointer pN;

  /** The last forward pass's probabilities, packed: [batch, heads, t(t + 1)/2]. */
  private float[] probs = new float[0];

  CausalAttentionMath(int t, int d, int heads, Sgemm blas) {
    this.t = t;
    this.d = d;
    this.heads = heads;
    this.k = d / heads;
    this.scale = (float) (1 / Math.sqrt(k));
    this.blas = blas;
    tri = t * (t + 1) / 2;
    sc = new float[t * t];
    p = new float[t * t];
    dp = new float[t * t];
    packed = new float[tri];
    shift = new float[tri];
    dpN = Sgemm.allocate((long) t * t);
    pN = Sgemm.allocate((long) t * t);
  }

  /** Makes room for the probabilities of {@code batch} sequences. */
  void ensure(int batch) {
    long size = (long) batch * heads * tri;
    if (size > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("attention probabilities of " + batch + " sequences");
    }
    if (probs.length < size) {
      probs = new float[(int) size];
    }
  }

  /**
   * qkv [·, 3d] → joined head outputs [·, d] (both native, rows of the whole batch) for the
   * sequences {@code from} … {@code from + count − 1}, after {@link #ensure} for them.
   */
  void forward(FloatPointer qkv, int from, int count, FloatPointer joined) {
    int w = 3 * d;
    for (int b = from; b < from + count; b++) {
      for (int h = 0; h < heads; h++) {
        long q = (long) b * t * w + h * 3 * k;
        // the scores in the (cache-resident) scratch
        blas.gemm(false, true, t, t, k, scale, qkv, q, w, qkv, q + k, w, 0f, dpN, 0, t);
        blas.get(dpN, 0, sc, t * t);
        softmaxCausal(sc, p);
        System.arraycopy(packed, 0, probs, (b * heads + h) * tri, tri);
        blas.put(p, t * t, pN, 0);
        blas.gemm(
            false,
            false,
            t,
            k,
            t,
            1f,
            pN,
            0,
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
   * dL/d joined → dL/d qkv for the sequences {@code from} … {@code from + count − 1} of the last
   * forward (all native). qkv [count·T, 3d] (those sequences' rows of the forward pass's QKV: a
   * copy in cache, read by one sequential copy rather than by the products' strided reads of
   * memory), dJoined [count·T, d] and dQkv [count·T, 3d] (overwritten) start at sequence {@code
   * from}'s first row.
   */
  void backward(FloatPointer qkv, FloatPointer dJoined, int from, int count, FloatPointer dQkv) {
    int w = 3 * d;
    for (int b = from; b < from + count; b++) {
      for (int h = 0; h < heads; h++) {
        long lq = (long) (b - from) * t * w + h * 3 * k;
        long q = lq;
        long o = (long) (b - from) * t * d + h * k;
        System.arraycopy(probs, (b * heads + h) * tri, packed, 0, tri);
        int at = 0;
        for (int i = 0; i < t; i++) {
          System.arraycopy(packed, at, p, i * t, i + 1);
          at += i + 1;
        }
        blas.put(p, t * t, pN, 0);
        // dP = dO·Vᵀ, dV = Pᵀ·dO
        blas.gemm(false, true, t, t, k, 1f, dJoined, o, d, qkv, q + 2 * k, w, 0f, dpN, 0, t);
        blas.gemm(true, false, t, k, t, 1f, pN, 0, t, dJoined, o, d, 0f, dQkv, lq + 2 * k, w);
        blas.get(dpN, 0, dp, t * t);
        for (int i = 0; i < t; i++) {
          int r = i * t;
          float dot = 0;
          for (int j = r; j <= r + i; j++) {
            dot += p[j] * dp[j];
          }
          for (int j = r; j <= r + i; j++) {
            float ds = p[j] * (dp[j] - dot) * scale;
            dp[j] = Math.abs(ds) < MIN_SCORE_GRADIENT ? 0f : ds;
          }
          Arrays.fill(dp, r + i + 1, r + t, 0f);
        }
        blas.put(dp, t * t, dpN, 0);
        // dQ = dS·K, dK = dSᵀ·Q
        blas.gemm(false, false, t, k, t, 1f, dpN, 0, t, qkv, q + k, w, 0f, dQkv, lq, w);
        blas.gemm(true, false, t, k, t, 1f, dpN, 0, t, qkv, q, w, 0f, dQkv, lq + k, w);
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
   * Row-wise softmax of the scores {@code s} over the positions j ≤ i of each row i into the lower
   * triangle of {@code out} and, packed, into {@link #packed}, weights below {@link
   * #MIN_PROBABILITY} set to 0 (the upper triangle of {@code out} is not written). Row i's maximum
   * is taken by comparison (the same value as Math.max's, except that a row with a NaN score may
   * take another maximum: its probabilities are NaN either way), its exponentials are shifted by
   * it, summed in order j = 0 … i and scaled by the sum's reciprocal: the same operations in the
   * same order as a row at a time.
   */
  private void softmaxCausal(float[] s, float[] out) {
    int at = 0;
    for (int i = 0; i < t; i++) {
      int r = i * t;
      int len = i + 1;
      float max = s[r];
      for (int j = r + 1; j < r + len; j++) {
        float v = s[j];
        max = v > max ? v : max;
      }
      System.arraycopy(s, r, packed, at, len);
      Arrays.fill(shift, at, at + len, max);
      at += len;
    }
    ShiftedExp.apply(packed, shift, at);
    at = 0;
    for (int i = 0; i < t; i++) {
      int end = at + i + 1;
      float sum = 0;
      for (int j = at; j < end; j++) {
        sum += packed[j];
      }
      float inv = 1f / sum;
      for (int j = at; j < end; j++) {
        float q = packed[j] * inv;
        packed[j] = q < MIN_PROBABILITY ? 0f : q;
      }
      System.arraycopy(packed, at, out, i * t, i + 1);
      at = end;
    }
  }
}
