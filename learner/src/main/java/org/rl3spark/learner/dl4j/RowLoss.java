package org.rl3spark.learner.dl4j;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * A DL4J loss computed row by row in Java: subclasses give each row's score (and, when asked, its
 * gradient); this class turns them into DL4J's score, score array and gradient.
 */
public abstract class RowLoss implements ILossFunction {

  private static final long serialVersionUID = 1L;

  /**
   * The score of every row; fills {@code grad} (same layout as {@code preOutput}) when not null.
   */
  protected abstract double[] rows(
      INDArray labels, INDArray preOutput, IActivation act, INDArray mask, double[] grad);

  private static double total(double[] s, boolean average) {
    double sum = 0;
    for (double x : s) {
      sum += x;
    }
    return average ? sum / s.length : sum;
  }

  private static INDArray like(double[] values, INDArray preOutput) {
    return Nd4j.createFromArray(values).reshape(preOutput.shape()).castTo(preOutput.dataType());
  }

  @Override
  public double computeScore(
      INDArray labels, INDArray preOutput, IActivation act, INDArray mask, boolean average) {
    return total(rows(labels, preOutput, act, mask, null), average);
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
    return like(grad, preOutput);
  }

  @Override
  public Pair<Double, INDArray> computeGradientAndScore(
      INDArray labels, INDArray preOutput, IActivation act, INDArray mask, boolean average) {
    double[] grad = new double[(int) preOutput.length()];
    double[] s = rows(labels, preOutput, act, mask, grad);
    return new Pair<>(total(s, average), like(grad, preOutput));
  }

  @Override
  public String toString() {
    return name();
  }
}
