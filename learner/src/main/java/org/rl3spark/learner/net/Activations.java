package org.rl3spark.learner.net;

/** The activations of {@link SequenceDenseLayer}, with their exact formulas. */
public enum Activations {
  /** y = x. */
  IDENTITY,
  /** y = max(x, 0). */
  RELU,
  /** The tanh approximation of GELU, as NNlib (and the reference) computes it. */
  GELU_TANH;

  private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

  /** The activation applied to one value, in single precision (the incremental path). */
  public float apply(float x) {
    return switch (this) {
      case IDENTITY -> x;
      case RELU -> x > 0 ? x : 0f;
      case GELU_TANH -> {
        // tanh(u) = 1 − 2 / (e^{2u} + 1): Math.exp is a JIT intrinsic, Math.tanh is not (JDK 17),
        // and the two agree to double rounding (inf and 0 give the limits ±1 exactly)
        double inner = SQRT_2_OVER_PI * (x + 0.044715 * x * x * x);
        double tanh = 1 - 2 / (Math.exp(2 * inner) + 1);
        yield (float) (0.5 * x * (1 + tanh));
      }
    };
  }
}
