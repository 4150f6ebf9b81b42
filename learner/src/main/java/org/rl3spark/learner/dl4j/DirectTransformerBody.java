package org.rl3spark.learner.dl4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * TransformerBodyMath} on Java arrays. It keeps DL4J's SameDiff layer for everything around the
 * computation (parameter and gradient views, masks, the fallback off the CPU or in double
 * precision). The forward pass of a fit is reused by its backward pass; a backward pass whose
 * input is not the one of the last forward pass recomputes it.
 */
public class DirectTransformerBody extends SameDiffLayer {

  private transient TransformerBodyMath math;
  private transient List<String> keys;
  private transient Map<String, float[]> weights;
  private transient Map<String, float[]> grads;
  private transient INDArray forwardInput;
  private transient long forwardPasses;

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

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
    if (!direct()) {
      return super.activate(training, workspaceMgr);
    }
    assertInputSet(false);
    TransformerBodyLayer c = (TransformerBodyLayer) layerConf();
    int batch = checkInput(c);
    float[] y = forward(batch);
    return toArray(workspaceMgr, ArrayType.ACTIVATIONS, y,
        new long[] {batch, c.getSize(), c.getSequenceLength()});
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon,
      LayerWorkspaceMgr workspaceMgr) {
    if (!direct()) {
      return super.backpropGradient(epsilon, workspaceMgr);
    }
    assertInputSet(true);
    TransformerBodyLayer c = (TransformerBodyLayer) layerConf();
    int batch = checkInput(c);
    if (forwardInput != input) {
      forward(batch);
    }
    float[] dx = math.backward(weights, floats(epsilon), grads);
    float[] flat = new float[(int) gradients.length()];
    int at = 0;
    for (String k : keys) {
      float[] g = grads.get(k);
      System.arraycopy(g, 0, flat, at, g.length);
      at += g.length;
    }
    try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      gradients.assign(Nd4j.create(flat, gradients.shape(), 'c'));
    }
    Gradient g = new DefaultGradient();
    for (String k : keys) {
      g.gradientForVariable().put(k, gradTable.get(k));
    }
    return new Pair<>(g, toArray(workspaceMgr, ArrayType.ACTIVATION_GRAD, dx, input.shape()));
  }

  private float[] forward(int batch) {
    TransformerBodyLayer c = (TransformerBodyLayer) layerConf();
    if (math == null) {
      math = new TransformerBodyMath((int) c.getNIn(), (int) c.getHidden(), (int) c.getSize(),
          c.getHeads(), (int) c.getFfSize(), c.getBlocks(), (int) c.getSequenceLength());
    }
    readWeights();
    float[] y = math.forward(weights, floats(input), batch);
    forwardInput = input;
    forwardPasses++;
    return y;
  }

  /** Copies the current parameters (the flat view, in the layout's key order) into arrays. */
  private void readWeights() {
    if (keys == null) {
      keys = new ArrayList<>(paramTable.keySet());
      weights = new LinkedHashMap<>();
      grads = new LinkedHashMap<>();
      for (String k : keys) {
        int len = (int) paramTable.get(k).length();
        weights.put(k, new float[len]);
        grads.put(k, new float[len]);
      }
    }
    float[] flat = floats(params);
    int at = 0;
    for (String k : keys) {
      float[] w = weights.get(k);
      System.arraycopy(flat, at, w, 0, w.length);
      at += w.length;
    }
    if (at != flat.length) {
      throw new IllegalStateException("body parameters: " + flat.length + " values, keys cover "
          + at);
    }
  }

  private int checkInput(TransformerBodyLayer c) {
    long[] s = input.shape();
    if (s.length != 3 || s[1] != c.getNIn() || s[2] != c.getSequenceLength()) {
      throw new IllegalArgumentException("transformer body " + c.getLayerName() + " expects input "
          + "[mb, " + c.getNIn() + ", " + c.getSequenceLength() + "], got "
          + java.util.Arrays.toString(s));
    }
    return Math.toIntExact(s[0]);
  }

  private static float[] floats(INDArray a) {
    try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      return Nd4j.toFlattened('c', a.castTo(DataType.FLOAT)).toFloatVector();
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
