package org.rl3spark.learner.dl4j;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.shade.jackson.core.JsonProcessingException;

/**
 * DL4J's {@link RnnOutputLayer} (the same configuration, parameters and function) computed by
 * {@link SequenceOutput}, whose backward pass hands the layer below its gradient without DL4J's
 * reordering copy and keeps the loss it computes for the score DL4J asks for right after (DL4J
 * computes the output and the loss a second time for it). The transformer actor and critic use it
 * ({@link Networks}); checkpoints written with {@link RnnOutputLayer} load with it ({@link
 * Checkpoint#upgrade}).
 */
public class SequenceOutputLayer extends RnnOutputLayer {

  /** For JSON. */
  public SequenceOutputLayer() {}

  /** An identity output layer of {@code outputs} units with the given loss. */
  public static SequenceOutputLayer identity(int outputs, ILossFunction loss) {
    RnnOutputLayer built =
        new RnnOutputLayer.Builder()
            .lossFunction(loss)
            .activation(Activation.IDENTITY)
            .nOut(outputs)
            .build();
    try {
      String json = NeuralNetConfiguration.mapper().writeValueAsString(built);
      return (SequenceOutputLayer)
          NeuralNetConfiguration.mapper()
              .readValue(
                  json.replace(
                      "\"" + RnnOutputLayer.class.getName() + "\"",
                      "\"" + SequenceOutputLayer.class.getName() + "\""),
                  org.deeplearning4j.nn.conf.layers.Layer.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("output layer configuration", e);
    }
  }

  @Override
  public Layer instantiate(
      NeuralNetConfiguration conf,
      Collection<TrainingListener> trainingListeners,
      int layerIndex,
      INDArray layerParamsView,
      boolean initializeParams,
      DataType networkDataType) {
    LayerValidation.assertNInNOutSet(
        "SequenceOutputLayer", getLayerName(), layerIndex, getNIn(), getNOut());
    SequenceOutput ret = new SequenceOutput(conf, networkDataType);
    ret.setListeners(trainingListeners);
    ret.setIndex(layerIndex);
    ret.setParamsViewArray(layerParamsView);
    Map<String, INDArray> paramTable = initializer().init(conf, layerParamsView, initializeParams);
    ret.setParamTable(paramTable);
    ret.setConf(conf);
    return ret;
  }
}
