package org.rl3spark.learner.dl4j;

/**
 * Multi-head causal self-attention between the QKV and output projections, and its gradient,
 * written out (the function of {@link SdOps#causalAttention} without the two dense products).
 * Rows are [B·T, ·], position-major within each sequence; a row of QKV holds, per head h, that
 * head's query, key and value (k = d / heads values each) at columns h·3k … h·3k + 3k, as the
 * reshape of {@link SdOps} lays them out. Per sequence and head the three products run as sgemm;
 * the softmax and its gradient skip the masked (future) positions, whose probabilities are 0.
 * Keeps the attention probabilities of the last forward pass for the backward pass.
 */
final class CausalAttentionMath {

  private final int t;
  private final int d;
  private final int heads;
  private final int k;
  private final float scale;
  private final float[] q;
  private final float[] kk;
  private final float[] v;
  private final float[] o;
  private final float[] dO;
  private final float[] dP;
  private final float[] dQ;
  private final float[] dK;
  private final float[] dV;
  private float[][] probs = new float[0][];

  CausalAttentionMath(int t, int d, int heads) {
    this.t = t;
    this.d = d;
    this.heads = heads;
    this.k = d / heads;
    this.scale = (float) (1 / Math.sqrt(k));
    q = new float[t * k];
    kk = new float[t * k];
    v = new float[t * k];
    o = new float[t * k];
    dO = new float[t * k];
    dP = new float[t * t];
    dQ = new float[t * k];
    dK = new float[t * k];
    dV = new float[t * k];
  }

  /** qkv [batch·T, 3d] → joined head outputs [batch·T, d]. */
  void forward(float[] qkv, int batch, float[] joined) {
    if (probs.length < batch * heads) {
      float[][] grown = new float[batch * heads][];
      System.arraycopy(probs, 0, grown, 0, probs.length);
      for (int i = probs.length; i < grown.length; i++) {
        grown[i] = new float[t * t];
      }
      probs = grown;
    }
    for (int b = 0; b < batch; b++) {
      for (int h = 0; h < heads; h++) {
        gather(qkv, b, h);
        float[] p = probs[b * heads + h];
        Sgemm.gemm(false, true, t, t, k, scale, q, kk, 0f, p);
        softmaxCausal(p);
        Sgemm.gemm(false, false, t, k, t, 1f, p, v, 0f, o);
        for (int i = 0; i < t; i++) {
          System.arraycopy(o, i * k, joined, (b * t + i) * d + h * k, k);
        }
      }
    }
  }

  /** dL/d joined [batch·T, d] → dL/d qkv [batch·T, 3d] (overwritten), for the last forward. */
  void backward(float[] qkv, float[] dJoined, int batch, float[] dQkv) {
    for (int b = 0; b < batch; b++) {
      for (int h = 0; h < heads; h++) {
        gather(qkv, b, h);
        for (int i = 0; i < t; i++) {
          System.arraycopy(dJoined, (b * t + i) * d + h * k, dO, i * k, k);
        }
        float[] p = probs[b * heads + h];
        Sgemm.gemm(false, true, t, t, k, 1f, dO, v, 0f, dP);
        Sgemm.gemm(true, false, t, k, t, 1f, p, dO, 0f, dV);
        for (int i = 0; i < t; i++) {
          int r = i * t;
          float dot = 0;
          for (int j = 0; j <= i; j++) {
            dot += p[r + j] * dP[r + j];
          }
          for (int j = 0; j <= i; j++) {
            dP[r + j] = p[r + j] * (dP[r + j] - dot) * scale;
          }
          for (int j = i + 1; j < t; j++) {
            dP[r + j] = 0;
          }
        }
        Sgemm.gemm(false, false, t, k, t, 1f, dP, kk, 0f, dQ);
        Sgemm.gemm(true, false, t, k, t, 1f, dP, q, 0f, dK);
        for (int i = 0; i < t; i++) {
          int base = (b * t + i) * 3 * d + h * 3 * k;
          System.arraycopy(dQ, i * k, dQkv, base, k);
          System.arraycopy(dK, i * k, dQkv, base + k, k);
          System.arraycopy(dV, i * k, dQkv, base + 2 * k, k);
        }
      }
    }
  }

  private void gather(float[] qkv, int b, int h) {
    for (int i = 0; i < t; i++) {
      int base = (b * t + i) * 3 * d + h * 3 * k;
      System.arraycopy(qkv, base, q, i * k, k);
      System.arraycopy(qkv, base + k, kk, i * k, k);
      System.arraycopy(qkv, base + 2 * k, v, i * k, k);
    }
  }

  /** Row-wise softmax over the positions j ≤ i of each row i; later positions become 0. */
  private void softmaxCausal(float[] p) {
    for (int i = 0; i < t; i++) {
      int r = i * t;
      float max = Float.NEGATIVE_INFINITY;
      for (int j = 0; j <= i; j++) {
        max = Math.max(max, p[r + j]);
      }
      float sum = 0;
      for (int j = 0; j <= i; j++) {
        float e = (float) Math.exp(p[r + j] - max);
        p[r + j] = e;
        sum += e;
      }
      float inv = 1f / sum;
      for (int j = 0; j <= i; j++) {
        p[r + j] *= inv;
      }
      for (int j = i + 1; j < t; j++) {
        p[r + j] = 0;
      }
    }
  }
}
