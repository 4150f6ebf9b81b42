package org.rl3spark.learner.dl4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rl3spark.learner.infer.CpuBackend;

/**
 * The runtime layer of {@link DirectTransformerBodyLayer}: forward and backward through {@link
 * TransformerBodyMath} (Java arrays in and out, its own native buffers inside). It keeps DL4J's
 * SameDiff layer for everything around the computation (parameter and gradient views, masks, the
 * fallback off the CPU or in double precision). The forward pass of a fit is reused by its backward
 * pass; a backward pass whose input is not the one of the last forward pass recomputes it.
 *
 * <p>With {@link FitThreads} k &gt; 1, a batch of B ≥ 2 sequences is split into min(k, B)
 * contiguous groups (the first B mod k one sequence larger), each computed by its own {@link
 * TransformerBodyMath} on its own thread; the parameter gradient is the groups' sum in group order.
 *
 * <p>A body whose input is the graph's input (the observations: nothing below it learns) does not
 * compute the gradient for its input ({@link #inputGradient(boolean)}, set by {@link
 * Networks#init}): its backward pass returns no epsilon, as DL4J's embedding layers do.
 *
 * <p>Parameters, gradients and the output are read and written as one bulk copy of their native
 * memory where the array is a dense C-order float array or view (always, for the parameter and
 * gradient views DL4J gives a layer), through ND4J ops otherwise.
 */
public class DirectTransformerBody extends SameDiffLayer {

  private transient TransformerBodyMath[] math;
  private transient List<String> keys;
  private transient Map<String, float[]> weights;
  private transient List<Map<String, float[]>> grads;
  private transient int[] groups;
  private transient INDArray forwardInput;
  private transient long forwardPasses;
  private transient boolean inputGradient = true;

  public DirectTransformerBody(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  /** Whether this layer computes directly (else through the SameDiff graph). */
  public boolean direct() {
    return CpuBackend.active() && dataType == DataType.FLOAT;
  }

  /** Forward passes computed so far (a fit should add exactly one). */
  public long forwardPasses() {
    return forwardPasses;
  }

  /**
   * Whether the backward pass computes the gradient for this layer's input (default true; {@link
   * Networks#init} turns it off where the input is the graph's input, whose epsilon DL4J does not
   * use). Off, the backward pass returns a null epsilon.
   */
  public void inputGradient(boolean on) {
    inputGradient = on;
  }

  /** Whether the backward pass computes the gradient for this layer's input. */
  public boolean inputGradient() {
    return inputGradient;
  }

  /** Sequence groups of the last forward pass (one per fit thread used). */
  int lastGroups() {
    return groups == null ? 0 : groups.length;
  }

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
    if (!direct()) {
      return super.activate(training, workspaceMgr);
    }
    assertInputSet(false);
    TransformerBodyLayer c = (TransformerBodyLayer) layerConf();
    int batch = checkInput(c);
    float[] f = forward(batch, true);
    return output(workspaceMgr, f, batch, (int) c.getSize(), (int) c.getSequenceLength());
  }

  /**
   * The output [B, d, T] from its values in F-order [B, T, d] ({@link #scatter}), as that array
   * permuted: DL4J's RNN output layer turns its input into rows [B·T, d] in F order (permute(0, 2,
   * 1), reshape 'f'), which on this layout is a view instead of a copy.
   */
  private static INDArray output(LayerWorkspaceMgr mgr, float[] f, int batch, int d, int t) {
    INDArray a =
        mgr.createUninitialized(
            ArrayType.ACTIVATIONS, DataType.FLOAT, new long[] {batch, t, d}, 'f');
    if (!NativeFloats.write(f, a)) {
      a.data().setData(f);
    }
    return a.permute(0, 2, 1);
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(
      INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    if (!direct()) {
      return super.backpropGradient(epsilon, workspaceMgr);
    }
    assertInputSet(true);
    TransformerBodyLayer c = (TransformerBodyLayer) layerConf();
    int batch = checkInput(c);
    if (forwardInput != input) {
      forward(batch, false);
    }
    float[] dx = backward(Strided.of(epsilon));
    float[] flat = new float[(int) gradients.length()];
    int at = 0;
    for (String k : keys) {
      float[] g = grads.get(0).get(k);
      System.arraycopy(g, 0, flat, at, g.length);
      for (int p = 1; p < groups.length; p++) {
        float[] gp = grads.get(p).get(k);
        for (int i = 0; i < gp.length; i++) {
          flat[at + i] += gp[i];
        }
      }
      at += g.length;
    }
    if (!NativeFloats.write(flat, gradients)) {
      try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
        gradients.assign(Nd4j.create(flat, gradients.shape(), 'c'));
      }
    }
    Gradient g = new DefaultGradient();
    for (String k : keys) {
      g.gradientForVariable().put(k, gradTable.get(k));
    }
    INDArray eps =
        dx == null ? null : toArray(workspaceMgr, ArrayType.ACTIVATION_GRAD, dx, input.shape());
    return new Pair<>(g, eps);
  }

  /**
   * The forward pass; with {@code output}, its values in F-order [B, T, d] ({@link #scatter}), else
   * null.
   */
  private float[] forward(int batch, boolean output) {
    TransformerBodyLayer c = (TransformerBodyLayer) layerConf();
    groups = groups(batch, FitThreads.get());
    if (math == null || math.length < groups.length) {
      TransformerBodyMath[] m = new TransformerBodyMath[groups.length];
      for (int p = 0; p < m.length; p++) {
        m[p] =
            math != null && p < math.length
                ? math[p]
                : new TransformerBodyMath(
                    (int) c.getNIn(),
                    (int) c.getHidden(),
                    (int) c.getSize(),
                    c.getHeads(),
                    (int) c.getFfSize(),
                    c.getBlocks(),
                    (int) c.getSequenceLength());
      }
      math = m;
    }
    for (TransformerBodyMath m : math) {
      m.inputGradient(inputGradient);
    }
    readWeights();
    float[] in = NativeFloats.read(input);
    if (in == null) {
      in = floats(input);
    }
    int t = (int) c.getSequenceLength();
    int d = (int) c.getSize();
    List<float[]> parts;
    if (groups.length == 1) {
      parts = List.of(math[0].forward(weights, in, batch));
    } else {
      int perIn = (int) c.getNIn() * t;
      List<Callable<float[]>> work = new ArrayList<>(groups.length);
      int from = 0;
      for (int p = 0; p < groups.length; p++) {
        TransformerBodyMath m = math[p];
        int size = groups[p];
        int first = from;
        float[] all = in;
        work.add(
            () ->
                m.forward(
                    weights, Arrays.copyOfRange(all, first * perIn, (first + size) * perIn), size));
        from += size;
      }
      parts = FitThreads.runAll(work);
    }
    forwardInput = input;
    forwardPasses++;
    if (!output) {
      return null;
    }
    float[] f = new float[batch * t * d];
    int k = groups.length;
    if (k == 1) {
      scatter(parts, groups, f, t, d, 0, d);
    } else {
      List<Callable<float[]>> work = new ArrayList<>(k);
      for (int p = 0; p < k; p++) {
        int j0 = d * p / k;
        int j1 = d * (p + 1) / k;
        List<float[]> all = parts;
        work.add(
            () -> {
              scatter(all, groups, f, t, d, j0, j1);
              return null;
            });
      }
      FitThreads.runAll(work);
    }
    return f;
  }

  /**
   * Writes features {@code j0}..{@code j1} of the groups' rows (group p's rows [size_p·T, d], row
   * b·T + s, its sequences following the previous groups') into {@code f}, the F-order [B, T, d]
   * array of all sequences (element (b, s, j) at b + s·B + j·B·T). Each feature j is the contiguous
   * plane j·B·T.., so threads that take disjoint ranges of features write disjoint memory (split by
   * sequences instead, they would write into the same cache lines at every step).
   */
  static void scatter(List<float[]> parts, int[] groups, float[] f, int t, int d, int j0, int j1) {
    int batch = 0;
    for (int g : groups) {
      batch += g;
    }
    int plane = batch * t;
    for (int s = 0; s < t; s++) {
      int from = 0;
      for (int p = 0; p < groups.length; p++) {
        float[] rows = parts.get(p);
        for (int b = 0; b < groups[p]; b++) {
          int r = (b * t + s) * d;
          int o = from + b + s * batch;
          for (int j = j0; j < j1; j++) {
            f[o + j * plane] = rows[r + j];
          }
        }
        from += groups[p];
      }
    }
  }

  /**
   * dL/d input of the last forward pass (null if {@link #inputGradient} is off), given dL/d output
   * [B, d, T]; each group's parameter gradient in {@code grads}. Each group gathers its own
   * sequences' rows.
   */
  private float[] backward(Strided dOut) {
    if (groups.length == 1) {
      return math[0].backward(weights, dOut.rows(0, groups[0]), grads.get(0));
    }
    TransformerBodyLayer c = (TransformerBodyLayer) layerConf();
    int perIn = (int) c.getNIn() * (int) c.getSequenceLength();
    List<Callable<float[]>> work = new ArrayList<>(groups.length);
    int from = 0;
    int batch = 0;
    for (int p = 0; p < groups.length; p++) {
      TransformerBodyMath m = math[p];
      Map<String, float[]> g = grads.get(p);
      int first = from;
      int size = groups[p];
      work.add(() -> m.backward(weights, dOut.rows(first, size), g));
      from += groups[p];
      batch += groups[p];
    }
    List<float[]> parts = FitThreads.runAll(work);
    return parts.get(0) == null ? null : concat(parts, batch * perIn);
  }

  /** Sizes of the contiguous sequence groups of a batch for {@code threads} threads. */
  static int[] groups(int batch, int threads) {
    int k = Math.max(1, Math.min(threads, batch));
    int[] sizes = new int[k];
    for (int p = 0; p < k; p++) {
      sizes[p] = batch / k + (p < batch % k ? 1 : 0);
    }
    return sizes;
  }

  private static float[] concat(List<float[]> parts, int length) {
    float[] out = new float[length];
    int at = 0;
    for (float[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    if (at != length) {
      throw new IllegalStateException("body groups gave " + at + " values, expected " + length);
    }
    return out;
  }

  /** Copies the current parameters (the flat view, in the layout's key order) into arrays. */
  private void readWeights() {
    if (keys == null) {
      keys = new ArrayList<>(paramTable.keySet());
      weights = new LinkedHashMap<>();
      grads = new ArrayList<>();
      for (String k : keys) {
        weights.put(k, new float[(int) paramTable.get(k).length()]);
      }
    }
    while (grads.size() < groups.length) {
      Map<String, float[]> g = new LinkedHashMap<>();
      for (String k : keys) {
        g.put(k, new float[(int) paramTable.get(k).length()]);
      }
      grads.add(g);
    }
    float[] flat = NativeFloats.read(params);
    if (flat == null) {
      flat = floats(params);
    }
    int at = 0;
    for (String k : keys) {
      float[] w = weights.get(k);
      System.arraycopy(flat, at, w, 0, w.length);
      at += w.length;
    }
    if (at != flat.length) {
      throw new IllegalStateException(
          "body parameters: " + flat.length + " values, keys cover " + at);
    }
  }

  private int checkInput(TransformerBodyLayer c) {
    long[] s = input.shape();
    if (s.length != 3 || s[1] != c.getNIn() || s[2] != c.getSequenceLength()) {
      throw new IllegalArgumentException(
          "transformer body "
              + c.getLayerName()
              + " expects input "
              + "[mb, "
              + c.getNIn()
              + ", "
              + c.getSequenceLength()
              + "], got "
              + Arrays.toString(s));
    }
    return Math.toIntExact(s[0]);
  }

  /**
   * The values of a [B, C, T] array read once (its buffer in one bulk copy where it is float memory
   * from offset 0, else a C-order copy), from which the rows [·T, C] of any range of sequences (row
   * b·T + s holds a[b, ·, s]) are gathered, by several threads at once: the epsilon DL4J's RNN
   * output layer passes back is a permuted view, whose C-order copy through ND4J cost more than the
   * gather.
   */
  record Strided(float[] buf, int nc, int nt, int s0, int s1, int s2) {

    static Strided of(INDArray a) {
      long[] shape = a.shape();
      int nb = Math.toIntExact(shape[0]);
      int nc = Math.toIntExact(shape[1]);
      int nt = Math.toIntExact(shape[2]);
      long[] st = a.stride();
      long last = (nb - 1) * st[0] + (nc - 1) * st[1] + (nt - 1) * st[2];
      if (a.dataType() != DataType.FLOAT
          || a.rank() != 3
          || a.offset() != 0
          || st[0] < 0
          || st[1] < 0
          || st[2] < 0
          || a.data().length() <= last
          || last > Integer.MAX_VALUE) {
        return new Strided(floats(a), nc, nt, nc * nt, nt, 1);
      }
      float[] buf = NativeFloats.readData(a.data(), (int) last + 1);
      if (buf == null) {
        buf = a.data().asFloat();
      }
      return new Strided(buf, nc, nt, (int) st[0], (int) st[1], (int) st[2]);
    }

    /** Rows [count·T, C] of sequences {@code from}..{@code from + count} (row b·T + s). */
    float[] rows(int from, int count) {
      float[] out = new float[count * nc * nt];
      for (int b = 0; b < count; b++) {
        for (int s = 0; s < nt; s++) {
          int src = (from + b) * s0 + s * s2;
          int dst = (b * nt + s) * nc;
          for (int i = 0; i < nc; i++) {
            out[dst + i] = buf[src + i * s1];
          }
        }
      }
      return out;
    }
  }

  /** The values of {@code a} in C order (a fresh C-order copy's buffer: one ND4J op, one read). */
  private static float[] floats(INDArray a) {
    try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      INDArray c = a.castTo(DataType.FLOAT).dup('c');
      float[] v = c.data().asFloat();
      if (c.offset() != 0 || v.length != c.length()) {
        return Nd4j.toFlattened('c', c).toFloatVector();
      }
      return v;
    }
  }

  private static INDArray toArray(LayerWorkspaceMgr mgr, ArrayType type, float[] v, long[] shape) {
    INDArray a;
    try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      a = Nd4j.create(v, shape, 'c');
    }
    return mgr.leverageTo(type, a);
  }
}
