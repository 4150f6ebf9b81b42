package org.rl3spark.learner.dl4j;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The transformer body the actor and critic use: the function, parameters (names, shapes, flat
 * layout, initialisation) and JSON of {@link TransformerBodyLayer}, computed by {@link
 * DirectTransformerBody} with a hand-written backward pass instead of SameDiff. Checkpoints and the
 * incremental inference read it exactly like the SameDiff layer; a test asserts both give the same
 * outputs and gradients. On a backend other than the CPU, or in double precision, it falls back to
 * the SameDiff graph of its parent (with the gradient fix).
 */
public class DirectTransformerBodyLayer extends TransformerBodyLayer {

  /** For JSON. */
  public DirectTransformerBodyLayer() {}

  /** A body with the given widths and depth. */
  public DirectTransformerBodyLayer(long hidden, long size, int heads, long ffSize, int blocks) {
    super(hidden, size, heads, ffSize, blocks);
  }

  @Override
  public Layer instantiate(
      NeuralNetConfiguration conf,
      Collection<TrainingListener> listeners,
      int layerIndex,
      INDArray paramsView,
      boolean initializeParams,
      DataType dataType) {
    DirectTransformerBody layer = new DirectTransformerBody(conf, dataType);
    layer.setIndex(layerIndex);
    layer.setParamsViewArray(paramsView);
    Map<String, INDArray> table = initializer().init(conf, paramsView, initializeParams);
    layer.setParamTable(table);
    layer.setConf(conf);
    return layer;
  }
}
