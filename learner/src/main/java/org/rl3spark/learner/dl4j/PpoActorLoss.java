package org.rl3spark.learner.dl4j;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.rl3spark.core.ppo.PpoLossMath;

/**
 * PPO's clipped surrogate with entropy bonus as a DL4J loss, over the logits of an identity output
 * layer (labels: {@link PpoLabels}). Each row is one position; the arithmetic is {@link
 * PpoLossMath#position}, so the formula and its gradient have one implementation.
 */
public class PpoActorLoss implements ILossFunction {

  private static final long serialVersionUID = 1L;

  private double clip = 0.2;

  /** For JSON. */
  public PpoActorLoss() {}

  /** A loss with clip range ε. */
  public PpoActorLoss(double clip) {
    this.clip = clip;
  }

  private double[] rows(INDArray labels, INDArray preOutput, IActivation act, INDArray mask,
      double[] grad) {
    if (!(act instanceof ActivationIdentity)) {
      throw new IllegalStateException("the PPO loss needs an identity output layer (it applies the"
          + " softmax itself), got " + act);
    }
    int rows = (int) preOutput.size(0);
    int n = (int) preOutput.size(1);
    if (labels.size(1) != PpoLabels.width(n)) {
      throw new IllegalArgumentException("PPO labels need " + PpoLabels.width(n)
          + " columns for " + n + " actions, got " + labels.size(1));
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
      scores[r] = PpoLossMath.position(z, r * n, n, action, l[base + PpoLabels.advantage(n)],
          l[base + PpoLabels.oldLogProb(n)], l[base + PpoLabels.entropyCoef(n)], clip, weight,
          grad, r * n);
    }
    return scores;
  }

  @Override
  public double computeScore(
      INDArray labels, INDArray preOutput, IActivation act, INDArray mask, boolean average) {
    double[] s = rows(labels, preOutput, act, mask, null);
    double sum = 0;
    for (double v : s) {
      sum += v;
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
    for (double v : s) {
      sum += v;
    }
    return new Pair<>(average ? sum / s.length : sum,
        Nd4j.createFromArray(grad).reshape(preOutput.shape()).castTo(preOutput.dataType()));
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

  @Override
  public String toString() {
    return name();
  }
}
