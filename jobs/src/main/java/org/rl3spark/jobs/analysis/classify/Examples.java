package org.rl3spark.jobs.analysis.classify;

import java.io.Serializable;

/**
 * Labelled examples as plain arrays: n feature vectors of one length and their class labels.
 *
 * @param features features[i] = the feature vector of example i (all of one length ≥ 1, finite)
 * @param labels labels[i] in [0, classes)
 * @param classes number of classes ≥ 2
 */
public record Examples(float[][] features, int[] labels, int classes) implements Serializable {

  /** Validates sizes, labels and values. */
  public Examples {
    if (features.length != labels.length) {
      throw new IllegalArgumentException(
          features.length + " feature vectors for " + labels.length + " labels");
    }
    if (classes < 2) {
      throw new IllegalArgumentException("a classifier needs >= 2 classes, got " + classes);
    }
    int width = features.length == 0 ? 1 : features[0].length;
    if (width < 1) {
      throw new IllegalArgumentException("feature vectors must not be empty");
    }
    for (int i = 0; i < features.length; i++) {
      if (features[i].length != width) {
        throw new IllegalArgumentException(
            "example " + i + " has " + features[i].length + " features, example 0 has " + width);
      }
      for (float x : features[i]) {
        if (!Float.isFinite(x)) {
          throw new IllegalArgumentException("example " + i + " has a non-finite feature " + x);
        }
      }
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException(
            "example " + i + " has label " + labels[i] + " outside [0, " + classes + ")");
      }
    }
  }

  /** Number of examples. */
  public int size() {
    return labels.length;
  }

  /** Features per example. */
  public int width() {
    return features.length == 0 ? 0 : features[0].length;
  }
}
