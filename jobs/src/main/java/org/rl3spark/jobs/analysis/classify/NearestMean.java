package org.rl3spark.jobs.analysis.classify;

/**
 * A reference classifier without training: each test example gets the class whose mean training
 * feature vector is nearest (Euclidean, after per-feature standardisation with the training
 * statistics). Ties go to the lower class index.
 */
public final class NearestMean {

  private NearestMean() {}

  /**
   * Fraction of test examples classified correctly; classes without training examples never win.
   */
  public static double accuracy(Examples train, Examples test) {
    int c = train.classes();
    int d = train.width();
    Standardizer z = Standardizer.fit(train.features());
    double[] mean = new double[c * d];
    int[] count = new int[c];
    float[] row = new float[d];
    for (int i = 0; i < train.size(); i++) {
      z.apply(train.features()[i], row, 0);
      int y = train.labels()[i];
      count[y]++;
      for (int k = 0; k < d; k++) {
        mean[y * d + k] += row[k];
      }
    }
    for (int y = 0; y < c; y++) {
      for (int k = 0; k < d; k++) {
        mean[y * d + k] /= Math.max(1, count[y]);
      }
    }
    long correct = 0;
    for (int i = 0; i < test.size(); i++) {
      z.apply(test.features()[i], row, 0);
      int best = -1;
      double bestDist = Double.POSITIVE_INFINITY;
      for (int y = 0; y < c; y++) {
        if (count[y] == 0) {
          continue;
        }
        double dist = 0;
        for (int k = 0; k < d && dist < bestDist; k++) {
          double e = row[k] - mean[y * d + k];
          dist += e * e;
        }
        if (dist < bestDist) {
          bestDist = dist;
          best = y;
        }
      }
      if (best == test.labels()[i]) {
        correct++;
      }
    }
    return test.size() == 0 ? Double.NaN : (double) correct / test.size();
  }
}
