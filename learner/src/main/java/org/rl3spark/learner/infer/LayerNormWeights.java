package org.rl3spark.learner.infer;

import java.io.Serializable;

/**
 * Layer normalisation (x − μ)/(σ + 1e-5)·g + b over each row, σ the population standard deviation
 * (Flux 0.14).
 *
 * @param gain g
 * @param bias b
 */
public record LayerNormWeights(float[] gain, float[] bias) implements Serializable {

  /** Flux's epsilon, added to σ. */
  public static final double EPSILON = 1e-5;

  /** Normalises the rows of x [rows][d] in place. */
  public void apply(float[] x, int rows) {
    int d = gain.length;
    for (int r = 0; r < rows; r++) {
      int o = r * d;
      double mean = 0;
      for (int i = 0; i < d; i++) {
        mean += x[o + i];
      }
      mean /= d;
      double var = 0;
      for (int i = 0; i < d; i++) {
        double c = x[o + i] - mean;
        var += c * c;
      }
      double inv = 1 / (Math.sqrt(var / d) + EPSILON);
      for (int i = 0; i < d; i++) {
        x[o + i] = (float) ((x[o + i] - mean) * inv) * gain[i] + bias[i];
      }
    }
  }
}
