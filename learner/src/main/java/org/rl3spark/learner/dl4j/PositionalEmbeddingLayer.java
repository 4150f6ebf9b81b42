package org.rl3spark.learner.dl4j;

import java.util.Map;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Learned positional embeddings: adds PE[:, t] (d × T, initialised N(0, 0.01²)) to position t.
 * Initialisation draws from ND4J's generator, which the network seed fixes.
 */
public class PositionalEmbeddingLayer extends SequenceLayer {

  /** Parameter key of the embedding table. */
  public static final String TABLE = "pe";

  /** Standard deviation of the initial embeddings (the reference's N(0, 0.01²)). */
  public static final double INIT_STD = 0.01;

  private long size;

  /** For JSON. */
  public PositionalEmbeddingLayer() {}

  @Override
  protected long outputSize(long nIn) {
    return nIn;
  }

  @Override
  protected void inputSize(long nIn) {
    size = nIn;
  }

  @Override
  public void defineParameters(SDLayerParams params) {
    params.clear();
    params.addWeightParam(TABLE, size, sequenceLength);
  }

  @Override
  public void initializeParameters(Map<String, INDArray> params) {
    INDArray pe = params.get(TABLE);
    pe.assign(Nd4j.randn(pe.dataType(), pe.shape()).muli(INIT_STD));
  }

  @Override
  public SDVariable defineLayer(
      SameDiff sd, SDVariable x, Map<String, SDVariable> p, SDVariable mask) {
    return SdOps.halveGradient(
        sd, x.add(sd.reshape(p.get(TABLE), 1, size, sequenceLength)), gradientFix);
  }

  public long getSize() {
    return size;
  }

  public void setSize(long size) {
    this.size = size;
  }
}
