package org.rl3spark.jobs.analysis.classify;

import java.io.Serializable;

/**
 * Per-feature standardisation (x − mean) / std with the mean and standard deviation of a training
 * set (a feature with zero spread is only centred).
 */
final class Standardizer implements Serializable {

  private static final long serialVersionUID = 1L;

  private final double[] mean;
  private final double[] scale;

  private Standardizer(double[] mean, double[] scale) {
    this.mean = mean;
    this.scale = scale;
  }

  /** The standardiser of a training set. */
  static Standardizer fit(float[][] x) {
    int d = x.length == 0 ? 0 : x[0].length;
    double[] mean = new double[d];
    double[] sq = new double[d];
    for (float[] row : x) {
      for (int k = 0; k < d; k++) {
        mean[k] += row[k];
      }
    }
    for (int k = 0; k < d; k++) {
      mean[k] /= Math.max(1, x.length);
    }
    for (float[] row : x) {
      for (int k = 0; k < d; k++) {
        double e = row[k] - mean[k];
        sq[k] += e * e;
      }
    }
    double[] scale = new double[d];
    for (int k = 0; k < d; k++) {
      double std = Math.sqrt(sq[k] / Math.max(1, x.length));
      scale[k] = std > 0 ? 1 / std : 1;
    }
    return new Standardizer(mean, scale);
  }

  /** Row i of x standardised into out[offset ..]. */
  void apply(float[] row, float[] out, int offset) {
    for (int k = 0; k < mean.length; k++) {
      out[offset + k] = (float) ((row[k] - mean[k]) * scale[k]);
    }
  }
}
