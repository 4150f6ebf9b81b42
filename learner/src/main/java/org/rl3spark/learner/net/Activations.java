package org.rl3spark.learner.net;

/** The activations of {@link SequenceDenseLayer}, with their exact formulas. */
public enum Activations {
  /** y = x. */
  IDENTITY,
  /** y = max(x, 0). */
  RELU,
  /** The tanh approximation of GELU, as NNlib (and the reference) computes it. */
  GELU_TANH;

  /** The activation applied to one value, in single precision (the incremental path). */
  public float apply(float x) {
    return switch (this) {
      case IDENTITY -> x;
      case RELU -> x > 0 ? x : 0f;
      case GELU_TANH -> {
        double inner = Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x);
        yield (float) (0.5 * x * (1 + Math.tanh(inner)));
      }
    };
  }
}
