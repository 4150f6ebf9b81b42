package org.rl3spark.learner.dl4j;

import static org.rl3spark.learner.dl4j.TransformerBodyLayer.E1B;
import static org.rl3spark.learner.dl4j.TransformerBodyLayer.E1W;
import static org.rl3spark.learner.dl4j.TransformerBodyLayer.E2B;
import static org.rl3spark.learner.dl4j.TransformerBodyLayer.E2W;
import static org.rl3spark.learner.dl4j.TransformerBodyLayer.EB;
import static org.rl3spark.learner.dl4j.TransformerBodyLayer.EG;
import static org.rl3spark.learner.dl4j.TransformerBodyLayer.PE;
import static org.rl3spark.learner.dl4j.TransformerBodyLayer.key;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * attention's QKV rows and outputs); values cross between Java arrays and native memory in one bulk
 * copy where a Java loop needs them. Not thread-safe: one instance per layer and thread (it owns
 * its native buffers, freed when it is collected).
 *
 * <p>Both passes run through the whole body a few sequences at a time (a chunk of at most {@link
 * #CHUNK_ROWS} rows, at least one sequence; sequences are independent): a chunk's intermediate
 * values stay in cache from layer to layer, and what the backward pass needs (each dense layer's
 * input, the layer norms' normalised rows, GELU's derivative, the attention's QKV and
 * probabilities) is written to memory once and read back once. The backward pass accumulates the
 * parameter gradients over the chunks. A dense product over a chunk's rows computes each output
 * value as the product over all rows does (the same dot product), so the forward pass's result does
 * not depend on the chunking beyond float rounding: bit for bit where the BLAS sums a row's
 * products in the same order for any number of rows, which OpenBLAS does not on every CPU (on AMD
 * EPYC a single sequence and the same sequence inside a chunk differ in the last bits). A given
 * batch size always chunks the same way, so results are reproducible either way.
 *
 * <p>Arrays are rows [B·T, width], position-major within each sequence; the layer's input and
 * output are [B, width, T] in C order.
 *
 * <p>One algorithm in one file, hence its length: the forward and backward passes share their
 * buffers, their chunking and the values the forward keeps for the backward.
 */
final class TransformerBodyMath {

  /** sqrt(2/π) of GELU's tanh approximation (the function of {@link SdOps#geluTanh}). */
  private static final float GELU_K = (float) Math.sqrt(2 / Math.PI);

  private static final float GELU_A = 0.044715f;

  /**
   * Rows per chunk (whole sequences, at least one): 400 rows of the reference network's widest
   * layers (256) are 400 KiB, so a chunk's values stay in the L2 cache.
   */
  static final int CHUNK_ROWS = 400;

  private final int nIn;
  private final int hidden;
  private final int d;
  private final int ff;
  private final int blocks;
  private final int t;

  /** Sequences per chunk. */
  private final int perChunk;

  /** Rows per chunk. */
  private final int chunkRows;

  private final Sgemm blas = new Sgemm();
  private final LayerNormMath.Rows lnRows;
  private final CausalAttentionMath[] attention;

  /**
   * The parameters whose gradients the Java loops compute (layer norms' gains and biases, the
   * positions); the dense layers' are computed natively in {@link #gradN}.
   */
  private final Set<String> javaGradients = new HashSet<>();

  /** Element offset of each parameter in {@link #wN} and {@link #gradN}. */
  private Map<String, Long> offsets;

  private FloatPointer wN;
  private FloatPointer gradN;

  /** Whether {@link #backward} computes dL/d input (not needed below the graph's input). */
  private boolean inputGradient = true;

  private int capacity = -1;
  private int batch = -1;
  // kept by the forward pass for the backward pass (rows of the whole batch), Java
  private float[] out;
  private float[] a2;
  private float[] hat0;
  private float[] sig0;
  private float[][] hatA;
  private float[][] sigA;
  private float[][] gd;
  private float[][] hatB;
  private float[][] sigB;
  // kept, native
  private FloatPointer xRowsN;
  private FloatPointer a1N;
  private FloatPointer[] xsN;
  private FloatPointer[] qkvN;
  private FloatPointer[] joinedN;
  private FloatPointer[] aN;
  private FloatPointer[] geluN;
  // scratch of one chunk (from its row 0), Java
  private final float[] xRows;
  private final float[] x;
  private final float[] tmp;
  private final float[] wideRows;
  private final float[] wideMask;
  private final float[] dx;
  private final float[] dr;
  private final float[] da;
  private final float[] mask;
  // scratch of one chunk, native
  private final FloatPointer ones;
  private final FloatPointer outN;
  private final FloatPointer dyN;
  private final FloatPointer wideN;
  private final FloatPointer dqkvN;
  private final FloatPointer djoinedN;
  private final FloatPointer qkvChunkN;

  TransformerBodyMath(int nIn, int hidden, int d, int heads, int ff, int blocks, int t) {
    this.nIn = nIn;
    this.hidden = hidden;
    this.d = d;
    this.ff = ff;
    this.blocks = blocks;
    this.t = t;
    this.perChunk = Math.max(1, CHUNK_ROWS / t);
    this.chunkRows = perChunk * t;
    this.lnRows = new LayerNormMath.Rows(d);
    this.attention = new CausalAttentionMath[blocks];
    for (int i = 0; i < blocks; i++) {
      attention[i] = new CausalAttentionMath(t, d, heads, blas);
      for (String name : new String[] {"gA", "bA", "gB", "bB"}) {
        javaGradients.add(key(i, name));
      }
    }
    javaGradients.addAll(List.of(EG, EB, PE));
    int m = chunkRows;
    int wide = Math.max(Math.max(nIn, hidden), Math.max(ff, 3 * d));
    int wideLayer = Math.max(ff, hidden);
    xRows = new float[m * nIn];
    x = new float[m * d];
    tmp = new float[m * d];
    wideRows = new float[m * wideLayer];
    wideMask = new float[m * wideLayer];
    dx = new float[m * d];
    dr = new float[m * d];
    da = new float[m * d];
    mask = new float[m * d];
    ones = Sgemm.allocate(m);
    float[] one = new float[m];
    java.util.Arrays.fill(one, 1f);
    blas.put(one, m, ones, 0);
    outN = Sgemm.allocate((long) m * wide);
    dyN = Sgemm.allocate((long) m * d);
    wideN = Sgemm.allocate((long) m * wideLayer);
    dqkvN = Sgemm.allocate((long) m * 3 * d);
    djoinedN = Sgemm.allocate((long) m * d);
    qkvChunkN = Sgemm.allocate((long) m * 3 * d);
  }

  /**
   * Whether {@link #backward} computes dL/d input (default true); without it, it returns null and
   * skips the first layer's input product.
   */
  void inputGradient(boolean on) {
    inputGradient = on;
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
    out = new float[batch * t * d];
    for (int s0 = 0; s0 < batch; s0 += perChunk) {
      forwardChunk(w, in, s0, Math.min(perChunk, batch - s0));
    }
    return out;
  }

  /** The forward pass of the sequences {@code s0} … {@code s0 + count − 1}. */
  private void forwardChunk(Map<String, float[]> w, float[] in, int s0, int count) {
    int r0 = s0 * t;
    int m = count * t;
    int len = m * d;
    for (int b = 0; b < count; b++) {
      for (int i = 0; i < nIn; i++) {
        int src = ((s0 + b) * nIn + i) * t;
        for (int s = 0; s < t; s++) {
          xRows[(b * t + s) * nIn + i] = in[src + s];
        }
      }
    }
    blas.put(xRows, m * nIn, xRowsN, (long) r0 * nIn);
    dense(xRowsN, r0, m, nIn, E1W, E1B, hidden, outN, 0);
    blas.get(outN, 0, wideRows, m * hidden);
    relu(wideRows, 0, m * hidden);
    blas.put(wideRows, m * hidden, a1N, (long) r0 * hidden);
    dense(a1N, r0, m, hidden, E2W, E2B, d, outN, 0);
    blas.get(outN, 0, a2, r0 * d, len);
    relu(a2, r0 * d, len);
    LayerNormMath.forward(a2, r0, m, d, w.get(EG), w.get(EB), hat0, sig0, r0, x, 0, lnRows);
    float[] pe = w.get(PE);
    for (int r = 0; r < m; r++) {
      int p = (r % t) * d;
      for (int j = 0; j < d; j++) {
        x[r * d + j] += pe[p + j];
      }
    }
    blas.put(x, len, xsN[0], (long) r0 * d);
    for (int l = 0; l < blocks; l++) {
      dense(xsN[l], r0, m, d, key(l, "Wqkv"), key(l, "bqkv"), 3 * d, qkvN[l], (long) r0 * 3 * d);
      attention[l].forward(qkvN[l], s0, count, joinedN[l]);
      dense(joinedN[l], r0, m, d, key(l, "Wo"), key(l, "bo"), d, outN, 0);
      blas.get(outN, 0, tmp, len);
      addInto(tmp, x, 0, len);
      LayerNormMath.forward(
          tmp,
          0,
          m,
          d,
          w.get(key(l, "gA")),
          w.get(key(l, "bA")),
          hatA[l],
          sigA[l],
          r0,
          x,
          0,
          lnRows);
      blas.put(x, len, aN[l], (long) r0 * d);
      dense(aN[l], r0, m, d, key(l, "W1"), key(l, "b1"), ff, outN, 0);
      blas.get(outN, 0, wideRows, m * ff);
      gelu(wideRows, wideMask, 0, m * ff);
      System.arraycopy(wideMask, 0, gd[l], r0 * ff, m * ff);
      blas.put(wideRows, m * ff, geluN[l], (long) r0 * ff);
      dense(geluN[l], r0, m, ff, key(l, "W2"), key(l, "b2"), d, outN, 0);
      blas.get(outN, 0, tmp, len);
      addInto(tmp, x, 0, len);
      LayerNormMath.forward(
          tmp,
          0,
          m,
          d,
          w.get(key(l, "gB")),
          w.get(key(l, "bB")),
          hatB[l],
          sigB[l],
          r0,
          x,
          0,
          lnRows);
      if (l + 1 < blocks) {
        blas.put(x, len, xsN[l + 1], (long) r0 * d);
      }
    }
    System.arraycopy(x, 0, out, r0 * d, len);
    relu(out, r0 * d, len);
  }

  /**
   * Backward pass of the last {@link #forward} (with its parameters): given dL/d output as rows
   * [batch·T, d] (the output [batch, d, T] transposed per sequence), writes dL/d parameter into
   * {@code grads} (by key, overwritten) and returns dL/d input [batch, nIn, T], or null if {@link
   * #inputGradient} is off. {@code w} must hold the parameters of that forward pass.
   */
  float[] backward(Map<String, float[]> w, float[] dOutRows, Map<String, float[]> grads) {
    if (batch < 0) {
      throw new IllegalStateException("backward before forward");
    }
    for (String k : javaGradients) {
      zero(grads.get(k));
    }
    float[] dIn = inputGradient ? new float[batch * nIn * t] : null;
    for (int s0 = 0; s0 < batch; s0 += perChunk) {
      backwardChunk(w, dOutRows, grads, s0, Math.min(perChunk, batch - s0), dIn);
    }
    for (Map.Entry<String, Long> e : offsets.entrySet()) {
      if (!javaGradients.contains(e.getKey())) {
        float[] g = grads.get(e.getKey());
        blas.get(gradN, e.getValue(), g, g.length);
      }
    }
    return dIn;
  }

  /**
   * The backward pass of the sequences {@code s0} … {@code s0 + count − 1} through the whole body:
   * the dense layers' weight and bias gradients accumulate in {@link #gradN} (overwritten by the
   * first chunk), the layer norms' and positions' in {@code grads}; dL/d input into {@code dIn}
   * unless it is null.
   */
  private void backwardChunk(
      Map<String, float[]> w,
      float[] dOutRows,
      Map<String, float[]> grads,
      int s0,
      int count,
      float[] dIn) {
    boolean first = s0 == 0;
    int r0 = s0 * t;
    int m = count * t;
    int len = m * d;
    System.arraycopy(dOutRows, r0 * d, dx, 0, len);
    System.arraycopy(out, r0 * d, mask, 0, len);
    reluBackward(mask, dx, 0, len);
    for (int l = blocks - 1; l >= 0; l--) {
      layerNormBackward(w, grads, key(l, "gB"), key(l, "bB"), dx, hatB[l], sigB[l], r0, m, dr);
      System.arraycopy(dr, 0, da, 0, len);
      blas.put(dr, len, dyN, 0);
      weightGrads(key(l, "W2"), key(l, "b2"), geluN[l], r0, ff, dyN, d, m, first);
      inputGrad(dyN, m, d, key(l, "W2"), ff, outN);
      blas.get(outN, 0, wideRows, m * ff);
      System.arraycopy(gd[l], r0 * ff, wideMask, 0, m * ff);
      multiply(wideRows, wideMask, 0, m * ff);
      blas.put(wideRows, m * ff, wideN, 0);
      weightGrads(key(l, "W1"), key(l, "b1"), aN[l], r0, d, wideN, ff, m, first);
      inputGrad(wideN, m, ff, key(l, "W1"), d, outN);
      blas.get(outN, 0, tmp, len);
      addInto(da, tmp, 0, len);
      layerNormBackward(w, grads, key(l, "gA"), key(l, "bA"), da, hatA[l], sigA[l], r0, m, dr);
      System.arraycopy(dr, 0, dx, 0, len);
      blas.put(dr, len, dyN, 0);
      weightGrads(key(l, "Wo"), key(l, "bo"), joinedN[l], r0, d, dyN, d, m, first);
      inputGrad(dyN, m, d, key(l, "Wo"), d, djoinedN);
      blas.copy(qkvN[l], (long) r0 * 3 * d, qkvChunkN, 0, m * 3 * d);
      attention[l].backward(qkvChunkN, djoinedN, s0, count, dqkvN);
      weightGrads(key(l, "Wqkv"), key(l, "bqkv"), xsN[l], r0, d, dqkvN, 3 * d, m, first);
      inputGrad(dqkvN, m, 3 * d, key(l, "Wqkv"), d, outN);
      blas.get(outN, 0, tmp, len);
      addInto(dx, tmp, 0, len);
    }
    float[] dpe = grads.get(PE);
    for (int r = 0; r < m; r++) {
      int p = (r % t) * d;
      for (int j = 0; j < d; j++) {
        dpe[p + j] += dx[r * d + j];
      }
    }
    layerNormBackward(w, grads, EG, EB, dx, hat0, sig0, r0, m, dr);
    System.arraycopy(a2, r0 * d, mask, 0, len);
    reluBackward(mask, dr, 0, len);
    blas.put(dr, len, dyN, 0);
    weightGrads(E2W, E2B, a1N, r0, hidden, dyN, d, m, first);
    inputGrad(dyN, m, d, E2W, hidden, outN);
    blas.get(outN, 0, wideRows, m * hidden);
    blas.get(a1N, (long) r0 * hidden, wideMask, 0, m * hidden);
    reluBackward(wideMask, wideRows, 0, m * hidden);
    blas.put(wideRows, m * hidden, wideN, 0);
    weightGrads(E1W, E1B, xRowsN, r0, nIn, wideN, hidden, m, first);
    if (dIn != null) {
      inputGrad(wideN, m, hidden, E1W, nIn, outN);
      blas.get(outN, 0, xRows, m * nIn);
      for (int b = 0; b < count; b++) {
        for (int i = 0; i < nIn; i++) {
          int dst = ((s0 + b) * nIn + i) * t;
          for (int s = 0; s < t; s++) {
            dIn[dst + s] = xRows[(b * t + s) * nIn + i];
          }
        }
      }
    }
  }

  /**
   * y = x·W + b for the m rows of x from row r0 (width {@code in}; W [in, out] under {@code wKey},
   * b under {@code bKey}) into y from element {@code offY}.
   */
  private void dense(
      FloatPointer x,
      int r0,
      int m,
      int in,
      String wKey,
      String bKey,
      int out,
      FloatPointer y,
      long offY) {
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
        y,
        offY,
        out);
    blas.addRow(m, out, ones, wN, offset(bKey), y, offY);
  }

  /** dx ← dy·Wᵀ for the m rows of dy (from its row 0), into dx from its row 0. */
  private void inputGrad(FloatPointer dy, int m, int out, String wKey, int in, FloatPointer dx) {
    blas.gemm(false, true, m, in, out, 1f, dy, 0, out, wN, offset(wKey), out, 0f, dx, 0, in);
  }

  /**
   * For y = x·W + b (W [in, out] under {@code wKey}, b under {@code bKey}) over the m rows of x
   * from row r0 and the m rows of dy from its row 0: dW += xᵀ·dy and db += Σ rows of dy in {@link
   * #gradN} (overwritten if {@code first}).
   */
  private void weightGrads(
      String wKey,
      String bKey,
      FloatPointer x,
      int r0,
      int in,
      FloatPointer dy,
      int out,
      int m,
      boolean first) {
    float beta = first ? 0f : 1f;
    blas.gemm(
        true,
        false,
        in,
        out,
        m,
        1f,
        x,
        (long) r0 * in,
        in,
        dy,
        0,
        out,
        beta,
        gradN,
        offset(wKey),
        out);
    blas.columnSums(m, out, dy, ones, beta, gradN, offset(bKey));
  }

  /**
   * Layer norm's backward pass for the m rows of dy and dx from their row 0, whose forward values
   * are the rows from r0 of hat and sigma (gain and bias gradients added into {@code grads}).
   */
  private void layerNormBackward(
      Map<String, float[]> w,
      Map<String, float[]> grads,
      String gain,
      String bias,
      float[] dy,
      float[] hat,
      float[] sigma,
      int r0,
      int m,
      float[] dx) {
    LayerNormMath.backward(
        dy, m, d, w.get(gain), hat, sigma, r0, grads.get(gain), grads.get(bias), dx, lnRows);
  }

  /** Copies the parameters into native memory (offsets fixed by the first map's keys). */
  private void loadWeights(Map<String, float[]> w) {
    if (offsets == null) {
      Map<String, Long> o = new LinkedHashMap<>();
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

  /**
   * x ← GELU(x) = 0.5·x·(1 + tanh(z)), z = sqrt(2/π)·(x + 0.044715·x³), and its derivative GELU'(x)
   * = 0.5·(1 + tanh(z)) + 0.5·x·(1 − tanh²(z))·sqrt(2/π)·(1 + 3·0.044715·x²) into {@code deriv} for
   * the backward pass. Two loops (tanh first): one loop doing all of it is not vectorised by the
   * JIT and takes several times longer.
   */
  private static void gelu(float[] x, float[] deriv, int from, int len) {
    for (int i = from; i < from + len; i++) {
      float v = x[i];
      deriv[i] = Activations.tanh(GELU_K * (v + GELU_A * v * v * v));
    }
    for (int i = from; i < from + len; i++) {
      float v = x[i];
      float t = deriv[i];
      deriv[i] = 0.5f * (1f + t) + 0.5f * v * (1f - t * t) * GELU_K * (1f + 3f * GELU_A * v * v);
      x[i] = 0.5f * v * (1f + t);
    }
  }

  /** y ← y·x elementwise over [from, from + len). */
  private static void multiply(float[] y, float[] x, int from, int len) {
    for (int i = from; i < from + len; i++) {
      y[i] *= x[i];
    }
  }

  /** y ← y + x elementwise over [from, from + len). */
  private static void addInto(float[] y, float[] x, int from, int len) {
    for (int i = from; i < from + len; i++) {
      y[i] += x[i];
    }
  }

  private static void zero(float[] a) {
    java.util.Arrays.fill(a, 0f);
  }

  private void ensure(int batch) {
    for (CausalAttentionMath at : attention) {
      at.ensure(batch);
    }
    if (batch <= capacity) {
      return;
    }
    release();
    int n = batch * t;
    a2 = new float[n * d];
    hat0 = new float[n * d];
    sig0 = new float[n];
    hatA = rows(blocks, n * d);
    sigA = rows(blocks, n);
    gd = rows(blocks, n * ff);
    hatB = rows(blocks, n * d);
    sigB = rows(blocks, n);
    xRowsN = Sgemm.allocate((long) n * nIn);
    a1N = Sgemm.allocate((long) n * hidden);
    xsN = natives(blocks, (long) n * d);
    qkvN = natives(blocks, (long) n * 3 * d);
    joinedN = natives(blocks, (long) n * d);
    aN = natives(blocks, (long) n * d);
    geluN = natives(blocks, (long) n * ff);
    capacity = batch;
  }

  /** Frees the native batch buffers (before growing them). */
  private void release() {
    if (capacity < 0) {
      return;
    }
    xRowsN.close();
    a1N.close();
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
