package org.rl3spark.learner.dl4j;

import static org.rl3spark.learner.dl4j.TransformerBodyLayer.E1B;
import static org.rl3spark.learner.dl4j.TransformerBodyLayer.E1W;
import static org.rl3spark.learner.dl4j.TransformerBodyLayer.E2B;
import static org.rl3spark.learner.dl4j.TransformerBodyLayer.E2W;
import static org.rl3spark.learner.dl4j.TransformerBodyLayer.EB;
import static org.rl3spark.learner.dl4j.TransformerBodyLayer.EG;
import static org.rl3spark.learner.dl4j.TransformerBodyLayer.PE;
import static org.rl3spark.learner.dl4j.TransformerBodyLayer.key;

import java.util.HashMap;
import java.util.Map;
import org.bytedeco.javacpp.FloatPointer;
import org.rl3spark.learner.net.Activations;

/**
 * The transformer body of {@link TransformerBodyLayer} (same parameters, same function) with its
 * backward pass written out: dense products and their bias terms as BLAS calls on native buffers
 * ({@link Sgemm}), layer norm, GELU (its tanh as {@link Activations#tanh}, which the JIT
 * vectorises), ReLU and the causal softmax as Java loops. The forward pass keeps what the backward
 * pass needs, so a fit computes the forward once (DL4J's SameDiff layers compute it twice) and runs
 * a few dozen native calls per block instead of ~470 ND4J ops. The operands of the dense products
 * stay in native memory (the parameters, the products' inputs kept for the weight gradients, the
 * attention's QKV rows, probabilities and outputs); values cross between Java arrays and native
 * memory in one bulk copy where a Java loop needs them. Not thread-safe: one instance per layer and
 * thread (it owns its native buffers, freed when it is collected).
 *
 * <p>Arrays are rows [B·T, width], position-major within each sequence; the layer's input and
 * output are [B, width, T] in C order.
 */
final class TransformerBodyMath {

  /** sqrt(2/π) of GELU's tanh approximation (the function of {@link SdOps#geluTanh}). */
  private static final float GELU_K = (float) Math.sqrt(2 / Math.PI);

  private static final float GELU_A = 0.044715f;

  /** Rows per chunk of a wide layer (its 256-wide chunk is 256 KiB). */
  private static final int CHUNK = 256;

  private final int nIn;
  private final int hidden;
  private final int d;
  private final int ff;
  private final int blocks;
  private final int t;

  /** The widest row of a dense product's input or output. */
  private final int wide;

  private final Sgemm blas = new Sgemm();
  private final LayerNormMath.Rows lnRows;
  private final CausalAttentionMath[] attention;

  /** Element offset of each parameter in {@link #wN} and {@link #gradN}. */
  private Map<String, Long> offsets;

  private FloatPointer wN;
  private FloatPointer gradN;

  private int capacity = -1;
  private int batch = -1;
  // forward caches, Java
  private float[] a1;
  private float[] a2;
  private float[] hat0;
  private float[] sig0;
  private float[][] xs;
  private float[][] hatA;
  private float[][] sigA;
  private float[][] a;
  private float[][] f1;
  private float[][] th;
  private float[][] hatB;
  private float[][] sigB;
  // forward caches, native
  private FloatPointer ones;
  private FloatPointer xRowsN;
  private FloatPointer a1N;
  private FloatPointer[] xsN;
  private FloatPointer[] qkvN;
  private FloatPointer[] joinedN;
  private FloatPointer[] aN;
  private FloatPointer[] geluN;
  // scratch, Java
  private float[] xRows;
  private float[] tmp;
  private float[] big;
  private float[] dx;
  private float[] dr;
  private float[] da;
  // scratch, native
  private FloatPointer outN;
  private FloatPointer dyN;
  private FloatPointer wideN;
  private FloatPointer dqkvN;
  private FloatPointer djoinedN;

  TransformerBodyMath(int nIn, int hidden, int d, int heads, int ff, int blocks, int t) {
    this.nIn = nIn;
    this.hidden = hidden;
    this.d = d;
    this.ff = ff;
    this.blocks = blocks;
    this.t = t;
    this.wide = Math.max(Math.max(nIn, hidden), Math.max(ff, 3 * d));
    this.lnRows = new LayerNormMath.Rows(d);
    this.attention = new CausalAttentionMath[blocks];
    for (int i = 0; i < blocks; i++) {
      attention[i] = new CausalAttentionMath(t, d, heads, blas);
    }
  }

  /**
   * Forward pass of {@code batch} sequences: {@code in} [batch, nIn, T] → the output as rows
   * [batch·T, d] (the output [batch, d, T] transposed per sequence). The parameters are read by
   * their keys; the intermediate values are kept for {@link #backward}.
   */
  float[] forward(Map<String, float[]> w, float[] in, int batch) {
    ensure(batch);
    loadWeights(w);
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
    blas.put(xRows, n * nIn, xRowsN, 0);
    for (int r0 = 0; r0 < n; r0 += CHUNK) {
      int m = Math.min(CHUNK, n - r0);
      int at = r0 * hidden;
      denseRows(xRowsN, r0, m, nIn, E1W, E1B, hidden);
      blas.get(outN, 0, a1, at, m * hidden);
      relu(a1, at, m * hidden);
      blas.put(a1, at, m * hidden, a1N, at);
    }
    dense(a1N, n, hidden, E2W, E2B, d, outN);
    blas.get(outN, 0, a2, n * d);
    relu(a2, 0, n * d);
    LayerNormMath.forward(a2, n, d, w.get(EG), w.get(EB), hat0, sig0, xs[0], lnRows);
    float[] pe = w.get(PE);
    for (int r = 0; r < n; r++) {
      int p = (r % t) * d;
      for (int j = 0; j < d; j++) {
        xs[0][r * d + j] += pe[p + j];
      }
    }
    blas.put(xs[0], n * d, xsN[0], 0);
    for (int l = 0; l < blocks; l++) {
      dense(xsN[l], n, d, key(l, "Wqkv"), key(l, "bqkv"), 3 * d, qkvN[l]);
      attention[l].forward(qkvN[l], batch, joinedN[l]);
      dense(joinedN[l], n, d, key(l, "Wo"), key(l, "bo"), d, outN);
      blas.get(outN, 0, tmp, n * d);
      addInto(tmp, xs[l], n * d);
      LayerNormMath.forward(
          tmp, n, d, w.get(key(l, "gA")), w.get(key(l, "bA")), hatA[l], sigA[l], a[l], lnRows);
      blas.put(a[l], n * d, aN[l], 0);
      for (int r0 = 0; r0 < n; r0 += CHUNK) {
        int m = Math.min(CHUNK, n - r0);
        int at = r0 * ff;
        denseRows(aN[l], r0, m, d, key(l, "W1"), key(l, "b1"), ff);
        blas.get(outN, 0, f1[l], at, m * ff);
        gelu(f1[l], big, th[l], at, m * ff);
        blas.put(big, at, m * ff, geluN[l], at);
      }
      dense(geluN[l], n, ff, key(l, "W2"), key(l, "b2"), d, outN);
      blas.get(outN, 0, tmp, n * d);
      addInto(tmp, a[l], n * d);
      LayerNormMath.forward(
          tmp, n, d, w.get(key(l, "gB")), w.get(key(l, "bB")), hatB[l], sigB[l], xs[l + 1], lnRows);
      if (l + 1 < blocks) {
        blas.put(xs[l + 1], n * d, xsN[l + 1], 0);
      }
    }
    float[] out = new float[n * d];
    float[] last = xs[blocks];
    for (int i = 0; i < n * d; i++) {
      out[i] = Math.max(0f, last[i]);
    }
    return out;
  }

  /**
   * Backward pass of the last {@link #forward}: given dL/d output as rows [batch·T, d] (the output
   * [batch, d, T] transposed per sequence), writes dL/d parameter into {@code grads} (by key,
   * overwritten) and returns dL/d input [batch, nIn, T].
   */
  float[] backward(Map<String, float[]> w, float[] dOutRows, Map<String, float[]> grads) {
    if (batch < 0) {
      throw new IllegalStateException("backward before forward");
    }
    loadWeights(w);
    int n = batch * t;
    System.arraycopy(dOutRows, 0, dx, 0, n * d);
    reluBackward(xs[blocks], dx, 0, n * d);
    for (int l = blocks - 1; l >= 0; l--) {
      layerNormBackward(w, grads, key(l, "gB"), key(l, "bB"), dx, hatB[l], sigB[l], n, dr);
      System.arraycopy(dr, 0, da, 0, n * d);
      blas.put(dr, n * d, dyN, 0);
      weightGrads(grads, key(l, "W2"), key(l, "b2"), geluN[l], ff, dyN, d, n);
      for (int r0 = 0; r0 < n; r0 += CHUNK) {
        int m = Math.min(CHUNK, n - r0);
        int at = r0 * ff;
        inputGradRows(dyN, r0, m, d, key(l, "W2"), ff);
        blas.get(outN, 0, big, at, m * ff);
        geluBackward(f1[l], th[l], big, at, m * ff);
        blas.put(big, at, m * ff, wideN, at);
      }
      denseBackward(grads, key(l, "W1"), key(l, "b1"), aN[l], d, wideN, ff, n, outN);
      blas.get(outN, 0, tmp, n * d);
      addInto(da, tmp, n * d);
      layerNormBackward(w, grads, key(l, "gA"), key(l, "bA"), da, hatA[l], sigA[l], n, dr);
      System.arraycopy(dr, 0, dx, 0, n * d);
      blas.put(dr, n * d, dyN, 0);
      denseBackward(grads, key(l, "Wo"), key(l, "bo"), joinedN[l], d, dyN, d, n, djoinedN);
      attention[l].backward(qkvN[l], djoinedN, batch, dqkvN);
      denseBackward(grads, key(l, "Wqkv"), key(l, "bqkv"), xsN[l], d, dqkvN, 3 * d, n, outN);
      blas.get(outN, 0, tmp, n * d);
      addInto(dx, tmp, n * d);
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
    reluBackward(a2, dr, 0, n * d);
    blas.put(dr, n * d, dyN, 0);
    weightGrads(grads, E2W, E2B, a1N, hidden, dyN, d, n);
    for (int r0 = 0; r0 < n; r0 += CHUNK) {
      int m = Math.min(CHUNK, n - r0);
      int at = r0 * hidden;
      inputGradRows(dyN, r0, m, d, E2W, hidden);
      blas.get(outN, 0, big, at, m * hidden);
      reluBackward(a1, big, at, m * hidden);
      blas.put(big, at, m * hidden, wideN, at);
    }
    denseBackward(grads, E1W, E1B, xRowsN, nIn, wideN, hidden, n, outN);
    blas.get(outN, 0, xRows, n * nIn);
    float[] dIn = new float[batch * nIn * t];
    for (int b = 0; b < batch; b++) {
      for (int i = 0; i < nIn; i++) {
        int dst = (b * nIn + i) * t;
        for (int s = 0; s < t; s++) {
          dIn[dst + s] = xRows[(b * t + s) * nIn + i];
        }
      }
    }
    return dIn;
  }

  /** y = x·W + b for n rows of width {@code in} (W [in, out] under {@code wKey}, b under bKey). */
  private void dense(
      FloatPointer x, int n, int in, String wKey, String bKey, int out, FloatPointer y) {
    blas.gemm(false, false, n, out, in, 1f, x, 0, in, wN, offset(wKey), out, 0f, y, 0, out);
    blas.addRow(n, out, ones, wN, offset(bKey), y);
  }

  /**
   * {@link #dense} of the m rows of x from row r0 into the first m rows of {@link #outN}: a wide
   * layer runs in chunks of {@link #CHUNK} rows, so that its output is still in cache when it is
   * copied to Java, activated and copied back.
   */
  private void denseRows(FloatPointer x, int r0, int m, int in, String wKey, String bKey, int out) {
    blas.gemm(
        false,
        false,
        m,
        out,
        in,
        1f,
        x,
        (long) r0 * in,
        in,
        wN,
        offset(wKey),
        out,
        0f,
        outN,
        0,
        out);
    blas.addRow(m, out, ones, wN, offset(bKey), outN);
  }

  /** dx ← dy·Wᵀ for the m rows of dy from row r0, into the first m rows of {@link #outN}. */
  private void inputGradRows(FloatPointer dy, int r0, int m, int out, String wKey, int in) {
    blas.gemm(
        false,
        true,
        m,
        in,
        out,
        1f,
        dy,
        (long) r0 * out,
        out,
        wN,
        offset(wKey),
        out,
        0f,
        outN,
        0,
        in);
  }

  /**
   * For y = x·W + b over n rows (W [in, out] under {@code wKey}, b under {@code bKey}; x and dy
   * native): dW ← xᵀ·dy and db ← Σ rows of dy (both overwritten in {@code grads}), dx ← dy·Wᵀ
   * (native, n × in).
   */
  private void denseBackward(
      Map<String, float[]> grads,
      String wKey,
      String bKey,
      FloatPointer x,
      int in,
      FloatPointer dy,
      int out,
      int n,
      FloatPointer dx) {
    weightGrads(grads, wKey, bKey, x, in, dy, out, n);
    blas.gemm(false, true, n, in, out, 1f, dy, 0, out, wN, offset(wKey), out, 0f, dx, 0, in);
  }

  /** dW ← xᵀ·dy and db ← Σ rows of dy (both overwritten in {@code grads}) of a dense layer. */
  private void weightGrads(
      Map<String, float[]> grads,
      String wKey,
      String bKey,
      FloatPointer x,
      int in,
      FloatPointer dy,
      int out,
      int n) {
    long ow = offset(wKey);
    long ob = offset(bKey);
    blas.gemm(true, false, in, out, n, 1f, x, 0, in, dy, 0, out, 0f, gradN, ow, out);
    blas.get(gradN, ow, grads.get(wKey), in * out);
    blas.columnSums(n, out, dy, ones, gradN, ob);
    blas.get(gradN, ob, grads.get(bKey), out);
  }

  /** Layer norm's backward pass (gain and bias gradients overwritten in {@code grads}). */
  private void layerNormBackward(
      Map<String, float[]> w,
      Map<String, float[]> grads,
      String gain,
      String bias,
      float[] dy,
      float[] hat,
      float[] sigma,
      int n,
      float[] dx) {
    zero(grads.get(gain));
    zero(grads.get(bias));
    LayerNormMath.backward(
        dy, n, d, w.get(gain), hat, sigma, grads.get(gain), grads.get(bias), dx, lnRows);
  }

  /** Copies the parameters into native memory (offsets fixed by the first map's keys). */
  private void loadWeights(Map<String, float[]> w) {
    if (offsets == null) {
      Map<String, Long> o = new HashMap<>();
      long at = 0;
      for (Map.Entry<String, float[]> e : w.entrySet()) {
        o.put(e.getKey(), at);
        at += e.getValue().length;
      }
      wN = Sgemm.allocate(at);
      gradN = Sgemm.allocate(at);
      offsets = o;
    }
    for (Map.Entry<String, float[]> e : w.entrySet()) {
      float[] v = e.getValue();
      blas.put(v, v.length, wN, offset(e.getKey()));
    }
  }

  private long offset(String key) {
    Long o = offsets.get(key);
    if (o == null) {
      throw new IllegalArgumentException("no body parameter " + key);
    }
    return o;
  }

  private static void relu(float[] x, int from, int len) {
    for (int i = from; i < from + len; i++) {
      x[i] = Math.max(0f, x[i]);
    }
  }

  /**
   * dy ← dy where y is positive, else 0 (y a ReLU's output, or its input). Branch-free, so the JIT
   * vectorises it: max(y, 0)·2¹²⁷·2¹²⁷ is ≥ 1 (or +∞) for every positive float and 0 otherwise.
   */
  private static void reluBackward(float[] y, float[] dy, int from, int len) {
    for (int i = from; i < from + len; i++) {
      dy[i] *= Math.min(1f, Math.max(0f, y[i]) * 0x1p127f * 0x1p127f);
    }
  }

  /** y = GELU(x) = 0.5·x·(1 + tanh(z)), z = sqrt(2/π)·(x + 0.044715·x³); keeps tanh(z). */
  private static void gelu(float[] x, float[] y, float[] th, int from, int len) {
    for (int i = from; i < from + len; i++) {
      float v = x[i];
      float t = Activations.tanh(GELU_K * (v + GELU_A * v * v * v));
      th[i] = t;
      y[i] = 0.5f * v * (1f + t);
    }
  }

  /** dy ← dy·GELU'(x), from x and the tanh(z) of the forward pass. */
  private static void geluBackward(float[] x, float[] th, float[] dy, int from, int len) {
    for (int i = from; i < from + len; i++) {
      float v = x[i];
      float t = th[i];
      dy[i] *= 0.5f * (1f + t) + 0.5f * v * (1f - t * t) * GELU_K * (1f + 3f * GELU_A * v * v);
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
    release();
    int n = batch * t;
    a1 = new float[n * hidden];
    a2 = new float[n * d];
    hat0 = new float[n * d];
    sig0 = new float[n];
    xs = rows(blocks + 1, n * d);
    hatA = rows(blocks, n * d);
    sigA = rows(blocks, n);
    a = rows(blocks, n * d);
    f1 = rows(blocks, n * ff);
    th = rows(blocks, n * ff);
    hatB = rows(blocks, n * d);
    sigB = rows(blocks, n);
    xRows = new float[n * nIn];
    tmp = new float[n * d];
    big = new float[n * Math.max(ff, hidden)];
    dx = new float[n * d];
    dr = new float[n * d];
    da = new float[n * d];
    ones = Sgemm.allocate(n);
    float[] one = new float[n];
    java.util.Arrays.fill(one, 1f);
    blas.put(one, n, ones, 0);
    xRowsN = Sgemm.allocate((long) n * nIn);
    a1N = Sgemm.allocate((long) n * hidden);
    xsN = natives(blocks, (long) n * d);
    qkvN = natives(blocks, (long) n * 3 * d);
    joinedN = natives(blocks, (long) n * d);
    aN = natives(blocks, (long) n * d);
    geluN = natives(blocks, (long) n * ff);
    outN = Sgemm.allocate((long) n * wide);
    dyN = Sgemm.allocate((long) n * wide);
    wideN = Sgemm.allocate((long) n * Math.max(ff, hidden));
    dqkvN = Sgemm.allocate((long) n * 3 * d);
    djoinedN = Sgemm.allocate((long) n * d);
    capacity = batch;
  }

  /** Frees the native batch buffers (before growing them). */
  private void release() {
    if (capacity < 0) {
      return;
    }
    for (FloatPointer p :
        new FloatPointer[] {ones, xRowsN, a1N, outN, dyN, wideN, dqkvN, djoinedN}) {
      p.close();
    }
    for (FloatPointer[] ps : new FloatPointer[][] {xsN, qkvN, joinedN, aN, geluN}) {
      for (FloatPointer p : ps) {
        p.close();
      }
    }
  }

  private static float[][] rows(int count, int size) {
    float[][] r = new float[count][];
    for (int i = 0; i < count; i++) {
      r[i] = new float[size];
    }
    return r;
  }

  private static FloatPointer[] natives(int count, long size) {
    FloatPointer[] r = new FloatPointer[count];
    for (int i = 0; i < count; i++) {
      r[i] = Sgemm.allocate(size);
    }
    return r;
  }
}
