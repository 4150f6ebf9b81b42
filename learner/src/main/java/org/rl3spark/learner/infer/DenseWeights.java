package org.rl3spark.learner.infer;

import java.io.Serializable;
import org.rl3spark.learner.net.Activations;

/**
 * A dense layer y = act(x·W + b), W row-major [nIn][nOut].
 *
 * @param w weights, length nIn·nOut
 * @param b bias, length nOut
 * @param nIn input width
 * @param nOut output width
 * @param activation applied element-wise
 */
public record DenseWeights(float[] w, float[] b, int nIn, int nOut, Activations activation)
    implements Serializable {

  /** Validates the sizes. */
  public DenseWeights {
    if (w.length != nIn * nOut || b.length != nOut) {
      throw new IllegalArgumentException(
          "dense weights of "
              + nIn
              + "x"
              + nOut
              + " need "
              + nIn * nOut
              + " weights and "
              + nOut
              + " biases, got "
              + w.length
              + ", "
              + b.length);
    }
  }

  /** y[r] = act(x[r]·W + b) for rows r < rows; x is [rows][nIn], y [rows][nOut], flattened. */
  public void apply(float[] x, int rows, float[] y) {
    for (int r = 0; r < rows; r++) {
      int yo = r * nOut;
      System.arraycopy(b, 0, y, yo, nOut);
      int xo = r * nIn;
      for (int i = 0; i < nIn; i++) {
        float xi = x[xo + i];
        if (xi == 0f) {
          continue;
        }
        int wo = i * nOut;
        for (int j = 0; j < nOut; j++) {
          y[yo + j] += xi * w[wo + j];
        }
      }
    }
    activate(y, rows);
  }

  /** Applies the activation in place to the first {@code rows} rows of y [rows][nOut]. */
  void activate(float[] y, int rows) {
    if (activation == Activations.IDENTITY) {
      return;
    }
    for (int i = 0; i < rows * nOut; i++) {
      y[i] = activation.apply(y[i]);
    }
  }
}
