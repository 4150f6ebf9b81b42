package org.rl3spark.learner.dl4j;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.RnnOutputLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.TimeSeriesUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * The runtime layer of {@link SequenceOutputLayer}: DL4J's {@link RnnOutputLayer} with a leaner
 * backward pass. Its forward pass, output and score are DL4J's. In the backward pass (float, NCW,
 * no dropout or weight noise; anything else is DL4J's own):
 *
 * <ul>
 *   <li>the gradient for the layer below is computed as rows [T·B, nIn] (row t·B + b, the order of
 *       DL4J's 2-d view of the input) in C order and handed on as the [B, nIn, T] view of those
 *       rows, instead of DL4J's transposed product that it then copies into F order (one strided
 *       ND4J copy of the whole gradient per fit);
 *   <li>the loss's gradient and score come from one {@link ILossFunction#computeGradientAndScore}
 *       call; the score is kept for {@link #computeScore}, which DL4J calls right after the
 *       backward pass with the same input and labels, and which would otherwise compute the output
 *       and the loss again.
 * </ul>
 *
 * <p>The weight and bias gradients are DL4J's operations on the same values; the gradient for the
 * layer below is the same product in the other orientation (equal up to float rounding), the score
 * is the same value.
 */
public class SequenceOutput extends RnnOutputLayer {

  private transient INDArray scoredInput;
  private transient INDArray scoredLabels;
  private transient INDArray scoredMask;
  private transient INDArray maskArgument;
  private transient double scoredLoss;
  private transient long reusedScores;

  public SequenceOutput(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  private boolean fast() {
    org.deeplearning4j.nn.conf.layers.RnnOutputLayer c = layerConf();
    return input != null
        && input.rank() == 3
        && labels != null
        && labels.rank() == 3
        && input.dataType() == DataType.FLOAT
        && (c.getRnnDataFormat() == null || c.getRnnDataFormat() == RNNFormat.NCW)
        && c.getIDropout() == null
        && c.getWeightNoise() == null
        && hasBias();
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(
      INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    scoredInput = null;
    if (!fast()) {
      return super.backpropGradient(epsilon, workspaceMgr);
    }
    assertInputSet(true);
    if (input.size(2) != labels.size(2)) {
      throw new IllegalStateException(
          "sequence lengths differ: input " + input.size(2) + ", labels " + labels.size(2));
    }
    INDArray input3d = input;
    long batch = input3d.size(0);
    long steps = input3d.size(2);
    input = TimeSeriesUtils.reshape3dTo2d(input3d, workspaceMgr, ArrayType.BP_WORKING_MEM);
    try {
      INDArray preOut = preOutput2d(true, workspaceMgr);
      ILossFunction loss = layerConf().getLossFn();
      INDArray labels2d = getLabels2d(workspaceMgr, ArrayType.BP_WORKING_MEM);
      Pair<Double, INDArray> scoreAndGradient =
          loss.computeGradientAndScore(
              labels2d, preOut, layerConf().getActivationFn(), maskArray, false);
      INDArray delta = scoreAndGradient.getSecond();
      Gradient gradient = new DefaultGradient();
      INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
      Nd4j.gemm(input.castTo(weightGrad.dataType()), delta, weightGrad, true, false, 1.0, 0.0);
      gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
      INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
      delta.sum(biasGrad, 0);
      gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);

      INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
      long nIn = w.size(0);
      INDArray rows =
          workspaceMgr.createUninitialized(
              ArrayType.ACTIVATION_GRAD, delta.dataType(), new long[] {batch * steps, nIn}, 'c');
      Nd4j.gemm(delta, w, rows, false, true, 1.0, 0.0);
      // element (b, i, t) of the [B, nIn, T] gradient is rows[t·B + b, i]
      INDArray epsilon3d =
          Nd4j.create(
              rows.data(),
              new long[] {batch, nIn, steps},
              new long[] {nIn, 1, batch * nIn},
              0,
              'c');
      scoredInput = input3d;
      scoredLabels = labels;
      scoredMask = maskArgument;
      scoredLoss = scoreAndGradient.getFirst();
      weightNoiseParams.clear();
      return new Pair<>(gradient, epsilon3d);
    } finally {
      input = input3d;
    }
  }

  /** Keeps the mask as given (the layer keeps a reshaped copy, a new array each time). */
  @Override
  public void setMaskArray(INDArray maskArray) {
    maskArgument = maskArray;
    super.setMaskArray(maskArray);
  }

  /**
   * DL4J's score; the loss of the last backward pass when the input, labels and mask are the same
   * (the same arrays) as then, which is how DL4J asks for it right after that backward pass.
   */
  @Override
  public double computeScore(
      double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
    if (scoredInput == null
        || scoredInput != input
        || scoredLabels != labels
        || scoredMask != maskArgument) {
      scoredInput = null;
      return super.computeScore(fullNetRegTerm, training, workspaceMgr);
    }
    scoredInput = null;
    reusedScores++;
    double s = scoredLoss;
    if (conf().isMiniBatch()) {
      s /= getInputMiniBatchSize();
    }
    s += fullNetRegTerm;
    score = s;
    return s;
  }

  /** How many scores came from the backward pass's loss (for tests). */
  long reusedScores() {
    return reusedScores;
  }

  @Override
  public void clear() {
    super.clear();
    scoredInput = null;
    scoredLabels = null;
    scoredMask = null;
    maskArgument = null;
  }
}
