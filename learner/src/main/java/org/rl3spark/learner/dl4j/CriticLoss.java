package org.rl3spark.learner.dl4j;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * The critic's share of the reference PPO loss, 0.5·(V − target)², weighted per position (labels
 * [target | weight], {@link PpoLabels#CRITIC_WIDTH}), over an identity output of width 1.
 */
public class CriticLoss implements ILossFunction {

  private static final long serialVersionUID = 1L;
  /** The reference's critic-loss coefficient. */
  public static final double COEFFICIENT = 0.5;

  /** For JSON. */
  public CriticLoss() {}

  private double[] rows(INDArray labels, INDArray preOutput, IActivation act, INDArray mask,
      double[] grad) {
    if (!(act instanceof ActivationIdentity) || preOutput.size(1) != 1) {
      throw new IllegalStateException("the critic loss needs one identity output, got "
          + preOutput.size(1) + " outputs with " + act);
    }
    if (labels.size(1) != PpoLabels.CRITIC_WIDTH) {
      throw new IllegalArgumentException("critic labels need [target | weight], got "
          + labels.size(1) + " columns");
    }
    int rows = (int) preOutput.size(0);
    double[] v = preOutput.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    double[] l = labels.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    double[] m = mask == null ? null : mask.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    double[] scores = new double[rows];
    for (int r = 0; r < rows; r++) {
      double w = l[2 * r + 1] * (m == null ? 1 : m[r]);
      double diff = v[r] - l[2 * r];
      scores[r] = w * COEFFICIENT * diff * diff;
      if (grad != null) {
        grad[r] = w * 2 * COEFFICIENT * diff;
      }
    }
    return scores;
  }

  @Override
  public double computeScore(
      INDArray labels, INDArray preOutput, IActivation act, INDArray mask, boolean average) {
    double[] s = rows(labels, preOutput, act, mask, null);
    double sum = 0;
    for (double x : s) {
      sum += x;
    }
    return average ? sum / s.length : sum;
  }

  @Override
  public INDArray computeScoreArray(
      INDArray labels, INDArray preOutput, IActivation act, INDArray mask) {
    double[] s = rows(labels, preOutput, act, mask, null);
    return Nd4j.createFromArray(s).reshape(s.length, 1).castTo(preOutput.dataType());
  }

  @Override
  public INDArray computeGradient(
      INDArray labels, INDArray preOutput, IActivation act, INDArray mask) {
    double[] grad = new double[(int) preOutput.length()];
    rows(labels, preOutput, act, mask, grad);
    return Nd4j.createFromArray(grad).reshape(preOutput.shape()).castTo(preOutput.dataType());
  }

  @Override
  public Pair<Double, INDArray> computeGradientAndScore(
      INDArray labels, INDArray preOutput, IActivation act, INDArray mask, boolean average) {
    double[] grad = new double[(int) preOutput.length()];
    double[] s = rows(labels, preOutput, act, mask, grad);
    double sum = 0;
    for (double x : s) {
      sum += x;
    }
    return new Pair<>(average ? sum / s.length : sum,
        Nd4j.createFromArray(grad).reshape(preOutput.shape()).castTo(preOutput.dataType()));
  }

  @Override
  public String name() {
    return "critic_half_mse";
  }

  @Override
  public String toString() {
    return name();
  }
}
