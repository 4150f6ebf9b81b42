package org.rl3spark.learner.dl4j;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The critic's share of the reference PPO loss, 0.5·(V − target)², weighted per position (labels
 * [target | weight], {@link PpoLabels#CRITIC_WIDTH}), over an identity output of width 1.
 */
public class CriticLoss extends RowLoss {

  private static final long serialVersionUID = 1L;

  /** The reference's critic-loss coefficient. */
  public static final double COEFFICIENT = 0.5;

  /** For JSON. */
  public CriticLoss() {}

  @Override
  protected double[] rows(
      INDArray labels, INDArray preOutput, IActivation act, INDArray mask, double[] grad) {
    if (!(act instanceof ActivationIdentity) || preOutput.size(1) != 1) {
      throw new IllegalStateException(
          "the critic loss needs one identity output, got "
              + preOutput.size(1)
              + " outputs with "
              + act);
    }
    if (labels.size(1) != PpoLabels.CRITIC_WIDTH) {
      throw new IllegalArgumentException(
          "critic labels need [target | weight], got " + labels.size(1) + " columns");
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
  public String name() {
    return "critic_half_mse";
  }
}
