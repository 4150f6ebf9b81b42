package org.rl3spark.learner.dl4j;

import static org.rl3spark.learner.dl4j.TransformerBodyLayer.E1B;
import static org.rl3spark.learner.dl4j.TransformerBodyLayer.E1W;
import static org.rl3spark.learner.dl4j.TransformerBodyLayer.E2B;
import static org.rl3spark.learner.dl4j.TransformerBodyLayer.E2W;
import static org.rl3spark.learner.dl4j.TransformerBodyLayer.EB;
import static org.rl3spark.learner.dl4j.TransformerBodyLayer.EG;
import static org.rl3spark.learner.dl4j.TransformerBodyLayer.PE;
import static org.rl3spark.learner.dl4j.TransformerBodyLayer.key;

import java.util.Map;
import org.rl3spark.learner.net.Activations;

/**
 * The transformer body of {@link TransformerBodyLayer} (same parameters, same function) with its
 * backward pass written out: dense products as sgemm on Java arrays ({@link Sgemm}), layer norm,
 * GELU (its tanh as {@link Activations#tanh}, which the JIT vectorises), ReLU and the causal
 * softmax as Java loops. The forward pass keeps what the backward pass needs, so a fit computes
 * the forward once (DL4J's SameDiff layers compute it twice) and runs a few dozen native calls
 * instead of ~470 ND4J ops. Not thread-safe: one instance per layer.
 *
 * <p>Arrays are rows [B·T, width], position-major within each sequence; the layer's input and
 * output are [B, width, T] in C order.
 */
final class TransformerBodyMath {

  /** sqrt(2/π) of GELU's tanh approximation (the function of {@link SdOps#geluTanh}). */
  private static final float GELU_K = (float) Math.sqrt(2 / Math.PI);
  private static final float GELU_A = 0.044715f;

  private final int nIn;
  private final int hidden;
  private final int d;
  private final int ff;
  private final int blocks;
  private final int t;
  private final CausalAttentionMath[] attention;

  private int capacity = -1;
  private int batch = -1;
  // forward caches
  private float[] xRows;
  private float[] a1;
  private float[] a2;
  private float[] hat0;
  private float[] sig0;
  private float[][] xs;
  private float[][] qkv;
  private float[][] joined;
  private float[][] hatA;
  private float[][] sigA;
  private float[][] a;
  private float[][] f1;
  private float[][] g;
  private float[][] th;
  private float[][] hatB;
  private float[][] sigB;
  // scratch
  private float[] tmp;
  private float[] dx;
  private float[] dr;
  private float[] da;
  private float[] dff;
  private float[] dqkv;
  private float[] djoined;
  private float[] dHidden;

  TransformerBodyMath(int nIn, int hidden, int d, int heads, int ff, int blocks, int t) {
    this.nIn = nIn;
    this.hidden = hidden;
    this.d = d;
    this.ff = ff;
    this.blocks = blocks;
    this.t = t;
    this.attention = new CausalAttentionMath[blocks];
    for (int i = 0; i < blocks; i++) {
      attention[i] = new CausalAttentionMath(t, d, heads);
    }
  }

  /**
   * Forward pass of {@code batch} sequences: {@code in} [batch, nIn, T] → [batch, d, T]. The
   * parameters are read by their keys; the intermediate values are kept for {@link #backward}.
   */
  float[] forward(Map<String, float[]> w, float[] in, int batch) {
    ensure(batch);
    this.batch = batch;
    int n = batch * t;
    for (int b = 0; b < batch; b++) {
      for (int i = 0; i < nIn; i++) {
        int src = (b * nIn + i) * t;
        for (int s = 0; s < t; s++) {
          xRows[(b * t + s) * nIn + i] = in[src + s];
        }
      }
    }
    dense(w, E1W, E1B, xRows, n, a1);
    relu(a1, n * hidden);
    dense(w, E2W, E2B, a1, n, a2);
    relu(a2, n * d);
    LayerNormMath.forward(a2, n, d, w.get(EG), w.get(EB), hat0, sig0, xs[0]);
    float[] pe = w.get(PE);
    for (int r = 0; r < n; r++) {
      int p = (r % t) * d;
      for (int j = 0; j < d; j++) {
        xs[0][r * d + j] += pe[p + j];
      }
    }
    for (int l = 0; l < blocks; l++) {
      dense(w, key(l, "Wqkv"), key(l, "bqkv"), xs[l], n, qkv[l]);
      attention[l].forward(qkv[l], batch, joined[l]);
      dense(w, key(l, "Wo"), key(l, "bo"), joined[l], n, tmp);
      addInto(tmp, xs[l], n * d);
      LayerNormMath.forward(tmp, n, d, w.get(key(l, "gA")), w.get(key(l, "bA")), hatA[l], sigA[l],
          a[l]);
      dense(w, key(l, "W1"), key(l, "b1"), a[l], n, f1[l]);
      gelu(f1[l], g[l], th[l], n * ff);
      dense(w, key(l, "W2"), key(l, "b2"), g[l], n, tmp);
      addInto(tmp, a[l], n * d);
      LayerNormMath.forward(tmp, n, d, w.get(key(l, "gB")), w.get(key(l, "bB")), hatB[l], sigB[l],
          xs[l + 1]);
    }
    float[] last = xs[blocks];
    float[] out = new float[batch * d * t];
    for (int b = 0; b < batch; b++) {
      for (int s = 0; s < t; s++) {
        int r = (b * t + s) * d;
        for (int j = 0; j < d; j++) {
          out[(b * d + j) * t + s] = Math.max(0f, last[r + j]);
        }
      }
    }
    return out;
  }

  /**
   * Backward pass of the last {@link #forward}: given dL/d output [batch, d, T], writes dL/d
   * parameter into {@code grads} (by key, overwritten) and returns dL/d input [batch, nIn, T].
   */
  float[] backward(Map<String, float[]> w, float[] dOut, Map<String, float[]> grads) {
    if (batch < 0) {
      throw new IllegalStateException("backward before forward");
    }
    int n = batch * t;
    float[] last = xs[blocks];
    for (int b = 0; b < batch; b++) {
      for (int s = 0; s < t; s++) {
        int r = (b * t + s) * d;
        for (int j = 0; j < d; j++) {
          dx[r + j] = last[r + j] > 0 ? dOut[(b * d + j) * t + s] : 0f;
        }
      }
    }
    for (int l = blocks - 1; l >= 0; l--) {
      layerNormBackward(w, grads, key(l, "gB"), key(l, "bB"), dx, hatB[l], sigB[l], n, dr);
      System.arraycopy(dr, 0, da, 0, n * d);
      denseBackward(w, grads, key(l, "W2"), key(l, "b2"), g[l], dr, n, dff, 0f);
      geluBackward(f1[l], th[l], dff, n * ff);
      denseBackward(w, grads, key(l, "W1"), key(l, "b1"), a[l], dff, n, da, 1f);
      layerNormBackward(w, grads, key(l, "gA"), key(l, "bA"), da, hatA[l], sigA[l], n, dr);
      System.arraycopy(dr, 0, dx, 0, n * d);
      denseBackward(w, grads, key(l, "Wo"), key(l, "bo"), joined[l], dr, n, djoined, 0f);
      attention[l].backward(qkv[l], djoined, batch, dqkv);
      denseBackward(w, grads, key(l, "Wqkv"), key(l, "bqkv"), xs[l], dqkv, n, dx, 1f);
    }
    float[] dpe = grads.get(PE);
    zero(dpe);
    for (int r = 0; r < n; r++) {
      int p = (r % t) * d;
      for (int j = 0; j < d; j++) {
        dpe[p + j] += dx[r * d + j];
      }
    }
    layerNormBackward(w, grads, EG, EB, dx, hat0, sig0, n, dr);
    reluBackward(a2, dr, n * d);
    denseBackward(w, grads, E2W, E2B, a1, dr, n, dHidden, 0f);
    reluBackward(a1, dHidden, n * hidden);
    float[] dRows = new float[n * nIn];
    denseBackward(w, grads, E1W, E1B, xRows, dHidden, n, dRows, 0f);
    float[] dIn = new float[batch * nIn * t];
    for (int b = 0; b < batch; b++) {
      for (int i = 0; i < nIn; i++) {
        int dst = (b * nIn + i) * t;
        for (int s = 0; s < t; s++) {
          dIn[dst + s] = dRows[(b * t + s) * nIn + i];
        }
      }
    }
    return dIn;
  }

  /** y = x·W + b for n rows (W [in, out] under {@code wKey}, b under {@code bKey}). */
  private static void dense(Map<String, float[]> w, String wKey, String bKey, float[] x, int n,
      float[] y) {
    float[] b = w.get(bKey);
    int out = b.length;
    int in = w.get(wKey).length / out;
    Sgemm.gemm(false, false, n, out, in, 1f, x, w.get(wKey), 0f, y);
    for (int r = 0; r < n; r++) {
      int o = r * out;
      for (int j = 0; j < out; j++) {
        y[o + j] += b[j];
      }
    }
  }

  /**
   * For y = x·W + b (W [in, out] under {@code wKey}, b under {@code bKey}): dW ← xᵀ·dy and
   * db ← Σ rows of dy (both overwritten in {@code grads}), dx ← dy·Wᵀ + beta·dx.
   */
  private static void denseBackward(Map<String, float[]> w, Map<String, float[]> grads,
      String wKey, String bKey, float[] x, float[] dy, int n, float[] dx, float beta) {
    float[] b = w.get(bKey);
    int out = b.length;
    int in = w.get(wKey).length / out;
    Sgemm.gemm(true, false, in, out, n, 1f, x, dy, 0f, grads.get(wKey));
    float[] db = grads.get(bKey);
    zero(db);
    for (int r = 0; r < n; r++) {
      int o = r * out;
      for (int j = 0; j < out; j++) {
        db[j] += dy[o + j];
      }
    }
    Sgemm.gemm(false, true, n, in, out, 1f, dy, w.get(wKey), beta, dx);
  }

  /** Layer norm's backward pass (gain and bias gradients overwritten in {@code grads}). */
  private void layerNormBackward(Map<String, float[]> w, Map<String, float[]> grads, String gain,
      String bias, float[] dy, float[] hat, float[] sigma, int n, float[] dx) {
    zero(grads.get(gain));
    zero(grads.get(bias));
    LayerNormMath.backward(dy, n, d, w.get(gain), hat, sigma, grads.get(gain), grads.get(bias),
        dx);
  }

  private static void relu(float[] x, int len) {
    for (int i = 0; i < len; i++) {
      x[i] = Math.max(0f, x[i]);
    }
  }

  /** dy ← dy where the ReLU's output y is positive, else 0. */
  private static void reluBackward(float[] y, float[] dy, int len) {
    for (int i = 0; i < len; i++) {
      dy[i] = y[i] > 0 ? dy[i] : 0f;
    }
  }

  /** y = GELU(x) = 0.5·x·(1 + tanh(z)), z = sqrt(2/π)·(x + 0.044715·x³); keeps tanh(z). */
  private static void gelu(float[] x, float[] y, float[] th, int len) {
    for (int i = 0; i < len; i++) {
      float v = x[i];
      float t = Activations.tanh(GELU_K * (v + GELU_A * v * v * v));
      th[i] = t;
      y[i] = 0.5f * v * (1f + t);
    }
  }

  /** dy ← dy·GELU'(x), from x and the tanh(z) of the forward pass. */
  private static void geluBackward(float[] x, float[] th, float[] dy, int len) {
    for (int i = 0; i < len; i++) {
      float v = x[i];
      float t = th[i];
      dy[i] *= 0.5f * (1f + t)
          + 0.5f * v * (1f - t * t) * GELU_K * (1f + 3f * GELU_A * v * v);
    }
  }

  private static void addInto(float[] y, float[] x, int len) {
    for (int i = 0; i < len; i++) {
      y[i] += x[i];
    }
  }

  private static void zero(float[] a) {
    java.util.Arrays.fill(a, 0f);
  }

  private void ensure(int batch) {
    if (batch <= capacity) {
      return;
    }
    int n = batch * t;
    xRows = new float[n * nIn];
    a1 = new float[n * hidden];
    a2 = new float[n * d];
    hat0 = new float[n * d];
    sig0 = new float[n];
    xs = rows(blocks + 1, n * d);
    qkv = rows(blocks, n * 3 * d);
    joined = rows(blocks, n * d);
    hatA = rows(blocks, n * d);
    sigA = rows(blocks, n);
    a = rows(blocks, n * d);
    f1 = rows(blocks, n * ff);
    g = rows(blocks, n * ff);
    th = rows(blocks, n * ff);
    hatB = rows(blocks, n * d);
    sigB = rows(blocks, n);
    tmp = new float[n * d];
    dx = new float[n * d];
    dr = new float[n * d];
    da = new float[n * d];
    dff = new float[n * ff];
    dqkv = new float[n * 3 * d];
    djoined = new float[n * d];
    dHidden = new float[n * hidden];
    capacity = batch;
  }

  private static float[][] rows(int count, int size) {
    float[][] r = new float[count][];
    for (int i = 0; i < count; i++) {
      r[i] = new float[size];
    }
    return r;
  }
}
