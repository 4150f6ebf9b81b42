package org.rl3spark.learner.dl4j;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rl3spark.core.ppo.PpoLossMath;

/**
 * PPO's clipped surrogate with entropy bonus as a DL4J loss, over the logits of an identity output
 * layer (labels: {@link PpoLabels}). Each row is one position; the arithmetic is {@link
 * PpoLossMath#position}, so the formula and its gradient have one implementation.
 */
public class PpoActorLoss extends RowLoss {

  private static final long serialVersionUID = 1L;

  private double clip = 0.2;

  /** For JSON. */
  public PpoActorLoss() {}

  /** A loss with clip range ε. */
  public PpoActorLoss(double clip) {
    this.clip = clip;
  }

  @Override
  protected double[] rows(
      INDArray labels, INDArray preOutput, IActivation act, INDArray mask, double[] grad) {
    if (!(act instanceof ActivationIdentity)) {
      throw new IllegalStateException(
          "the PPO loss needs an identity output layer (it applies the"
              + " softmax itself), got "
              + act);
    }
    int rows = (int) preOutput.size(0);
    int n = (int) preOutput.size(1);
    if (labels.size(1) != PpoLabels.width(n)) {
      throw new IllegalArgumentException(
          "PPO labels need "
              + PpoLabels.width(n)
              + " columns for "
              + n
              + " actions, got "
              + labels.size(1));
    }
    double[] z = preOutput.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    double[] l = labels.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    double[] m = mask == null ? null : mask.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    int w = PpoLabels.width(n);
    double[] scores = new double[rows];
    for (int r = 0; r < rows; r++) {
      double maskValue = m == null ? 1 : m[m.length == rows ? r : r * n];
      int base = r * w;
      int action = 0;
      for (int j = 1; j < n; j++) {
        if (l[base + j] > l[base + action]) {
          action = j;
        }
      }
      double weight = l[base + PpoLabels.weight(n)] * maskValue;
      if (weight == 0) {
        continue;
      }
      scores[r] =
          PpoLossMath.position(
              z,
              r * n,
              n,
              action,
              l[base + PpoLabels.advantage(n)],
              l[base + PpoLabels.oldLogProb(n)],
              l[base + PpoLabels.entropyCoef(n)],
              clip,
              weight,
              grad,
              r * n);
    }
    return scores;
  }

  @Override
  public String name() {
    return "ppo_clip(" + clip + ")";
  }

  public double getClip() {
    return clip;
  }

  public void setClip(double clip) {
    this.clip = clip;
  }
}
