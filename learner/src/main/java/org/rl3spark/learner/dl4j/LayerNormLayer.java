package org.rl3spark.learner.dl4j;

import java.util.Map;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Layer normalisation over the features of every position: y = (x − μ)/(σ + 1e-5)·g + b, with
 * learned gain g (initially 1) and bias b (initially 0) of length d (Flux 0.14's LayerNorm).
 */
public class LayerNormLayer extends SequenceLayer {

  /** Parameter key of the gain. */
  public static final String GAIN = "g";

  /** Parameter key of the bias. */
  public static final String BIAS = "b";

  private long size;

  /** For JSON. */
  public LayerNormLayer() {}

  /** A layer norm over {@code size} features. */
  public LayerNormLayer(long size) {
    this.size = size;
  }

  @Override
  protected long outputSize(long nIn) {
    return nIn;
  }

  @Override
  protected void inputSize(long nIn) {
    if (size != 0 && size != nIn) {
      throw new IllegalStateException("layer norm of size " + size + " got input size " + nIn);
    }
    size = nIn;
  }

  @Override
  public void defineParameters(SDLayerParams params) {
    params.clear();
    params.addWeightParam(GAIN, size);
    params.addBiasParam(BIAS, size);
  }

  @Override
  public void initializeParameters(Map<String, INDArray> params) {
    params.get(GAIN).assign(1);
    params.get(BIAS).assign(0);
  }

  @Override
  public SDVariable defineLayer(
      SameDiff sd, SDVariable x, Map<String, SDVariable> p, SDVariable mask) {
    SDVariable rows = SdOps.layerNorm(sd, SdOps.toRows(sd, x, size), p.get(GAIN), p.get(BIAS));
    return SdOps.halveGradient(sd, SdOps.toSequence(sd, rows, sequenceLength, size), gradientFix);
  }

  public long getSize() {
    return size;
  }

  public void setSize(long size) {
    this.size = size;
  }
}
