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

  /**
   * tanh in single precision as a rational function (the minimax approximation Eigen uses for
   * float, clamped to ±7.9988 where float tanh is ±1 to within 2.4e-7): absolute error ≤ 4e-7. Only
   * multiplications, additions, a division and min/max, so the JIT vectorises loops over it (12×
   * faster than {@code Math.exp}-based tanh in the transformer body's GELU).
   */
  public static float tanh(float x) {
    float c = Math.max(-7.99881172180175781f, Math.min(7.99881172180175781f, x));
    float x2 = c * c;
    float p = -2.76076847742355e-16f;
    p = p * x2 + 2.00018790482477e-13f;
    p = p * x2 + -8.60467152213735e-11f;
    p = p * x2 + 5.12229709037114e-08f;
    p = p * x2 + 1.48572235717979e-05f;
    p = p * x2 + 6.37261928875436e-04f;
    p = p * x2 + 4.89352455891786e-03f;
    float q = 1.19825839466702e-06f;
    q = q * x2 + 1.18534705686654e-04f;
    q = q * x2 + 2.26843463243900e-03f;
    q = q * x2 + 4.89352518554385e-03f;
    return c * p / q;
  }
}
