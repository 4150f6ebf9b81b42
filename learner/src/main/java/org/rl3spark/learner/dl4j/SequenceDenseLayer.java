package org.rl3spark.learner.dl4j;

import java.util.Map;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitUtil;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rl3spark.learner.net.Activations;

/**
 * A dense layer applied at every position: y_t = act(W^T x_t + b), W of shape [nIn, nOut]
 * (Glorot-uniform), b zero-initialised. The activation is one of {@link Activations}, so that the
 * incremental path can apply exactly the same formula (DL4J's own GELU is a sigmoid approximation,
 * not the reference's tanh form).
 */
public class SequenceDenseLayer extends SequenceLayer {

  /** Parameter key of the weights. */
  public static final String WEIGHTS = "W";

  /** Parameter key of the bias. */
  public static final String BIAS = "b";

  private long nIn;
  private long nOut;
  private Activations activation = Activations.IDENTITY;

  /** For JSON. */
  public SequenceDenseLayer() {}

  /** A dense layer with {@code nOut} outputs and the given activation. */
  public SequenceDenseLayer(long nOut, Activations activation) {
    this.nOut = nOut;
    this.activation = activation;
  }

  @Override
  protected long outputSize(long in) {
    return nOut;
  }

  @Override
  protected void inputSize(long in) {
    nIn = in;
  }

  @Override
  public void defineParameters(SDLayerParams params) {
    params.clear();
    params.addWeightParam(WEIGHTS, nIn, nOut);
    params.addBiasParam(BIAS, nOut);
  }

  @Override
  public void initializeParameters(Map<String, INDArray> params) {
    WeightInitUtil.initWeights(
        nIn,
        nOut,
        new long[] {nIn, nOut},
        WeightInit.XAVIER_UNIFORM,
        null,
        'c',
        params.get(WEIGHTS));
    params.get(BIAS).assign(0);
  }

  @Override
  public SDVariable defineLayer(
      SameDiff sd, SDVariable x, Map<String, SDVariable> p, SDVariable mask) {
    SDVariable rows =
        SdOps.dense(sd, SdOps.toRows(sd, x, nIn), p.get(WEIGHTS), p.get(BIAS), activation);
    return SdOps.halveGradient(sd, SdOps.toSequence(sd, rows, sequenceLength, nOut), gradientFix);
  }

  public long getNIn() {
    return nIn;
  }

  public void setNIn(long nIn) {
    this.nIn = nIn;
  }

  public long getNOut() {
    return nOut;
  }

  public void setNOut(long nOut) {
    this.nOut = nOut;
  }

  public Activations getActivation() {
    return activation;
  }

  public void setActivation(Activations activation) {
    this.activation = activation;
  }
}
