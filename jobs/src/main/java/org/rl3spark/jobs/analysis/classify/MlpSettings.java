package org.rl3spark.jobs.analysis.classify;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of the MLP classifier and its training.
 *
 * @param hidden units of the hidden ReLU layer (the paper: 64)
 * @param epochs passes over the training set, ≥ 1
 * @param batchSize examples per Adam step, ≥ 1
 * @param learningRate Adam's step size, &gt; 0
 * @param l2 L2 weight decay coefficient, ≥ 0
 * @param threads ND4J/BLAS threads used while training (≥ 1); fixed so that results do not depend
 *     on the machine's core count
 */
public record MlpSettings(
    int hidden, int epochs, int batchSize, double learningRate, double l2, int threads)
    implements Serializable {

  /** Validates every field and lists every problem. */
  public MlpSettings {
    List<String> problems = new ArrayList<>();
    if (hidden < 1) {
      problems.add("hidden must be >= 1, got " + hidden);
    }
    if (epochs < 1) {
      problems.add("epochs must be >= 1, got " + epochs);
    }
    if (batchSize < 1) {
      problems.add("batch-size must be >= 1, got " + batchSize);
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      problems.add("learning-rate must be finite and > 0, got " + learningRate);
    }
    if (!(l2 >= 0) || Double.isInfinite(l2)) {
      problems.add("l2 must be finite and >= 0, got " + l2);
    }
    if (threads < 1) {
      problems.add("threads must be >= 1, got " + threads);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }
}
