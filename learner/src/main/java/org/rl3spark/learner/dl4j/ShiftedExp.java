package org.rl3spark.learner.dl4j;

/**
 * e^(x − s) for x − s ≤ 0 in single precision, over arrays, written so that C2 (JDK 17) vectorises
 * every loop: no calls, no conversions between float and int (which JDK 17 does not vectorise),
 * every array read at the same index. The causal softmax's exponentials; Math.exp is an intrinsic
 * but scalar.
 *
 * <p>Cephes' expf: x − s clamped to [−87.33654, 0] (where e^x is a normal float ≤ 1; −∞ gives
 * e^−87.34 ≈ 1.2e−38 instead of 0), n = round(x·log₂e) by adding and subtracting 1.5·2²³, r = x −
 * n·ln2 in two parts, e^r by Cephes' degree-7 polynomial on |r| ≤ ln2/2, times 2ⁿ built exactly
 * from the 7 bits of −n ∈ [0, 126] (each bit extracted by the same rounding trick, its factor
 * 2^−(2^i) or 1 chosen by multiplication). Within 1 ulp of the correctly rounded e^x over the whole
 * range (checked against Math.exp for every float of [−87.3, 0] in development, and on a sample in
 * ShiftedExpTest).
 */
final class ShiftedExp {

  private static final float LOG2E = 1.44269504088896341f;
  private static final float LN2_HI = 0.693359375f;
  private static final float LN2_LO = -2.12194440e-4f;

  /** 1.5·2²³: adding and subtracting it rounds a float of magnitude < 2²² to an integer. */
  private static final float ROUND = 12582912f;

  private ShiftedExp() {}

  /** x[i] ← e^min(0, x[i] − s[i]) for i < len; s is scratch (overwritten). */
  static void apply(float[] x, float[] s, int len) {
    for (int i = 0; i < len; i++) {
      float v = Math.max(-87.33654f, Math.min(0f, x[i] - s[i]));
      float n = (v * LOG2E + ROUND) - ROUND;
      x[i] = v - n * LN2_HI - n * LN2_LO;
      s[i] = -n;
    }
    for (int i = 0; i < len; i++) {
      float r = x[i];
      float p = 1.9875691500E-4f;
      p = p * r + 1.3981999507E-3f;
      p = p * r + 8.3334519073E-3f;
      p = p * r + 4.1665795894E-2f;
      p = p * r + 1.6666665459E-1f;
      p = p * r + 5.0000001201E-1f;
      x[i] = p * r * r + r + 1f;
    }
    // x ← x·2^−k for k = s ∈ [0, 126] integer: bit b of k is round(k/2^b − 0.49) once the
    // higher bits are removed, and its factor is bit·2^−(2^b) + (1 − bit), exactly
    for (int i = 0; i < len; i++) {
      float y = x[i];
      float k = s[i];
      float b = (k * 0x1p-6f - 0.49f + ROUND) - ROUND;
      y *= b * 0x1p-64f + (1f - b);
      k -= b * 64f;
      b = (k * 0x1p-5f - 0.49f + ROUND) - ROUND;
      y *= b * 0x1p-32f + (1f - b);
      k -= b * 32f;
      b = (k * 0x1p-4f - 0.49f + ROUND) - ROUND;
      y *= b * 0x1p-16f + (1f - b);
      k -= b * 16f;
      x[i] = y;
      s[i] = k;
    }
    for (int i = 0; i < len; i++) {
      float y = x[i];
      float k = s[i];
      float b = (k * 0x1p-3f - 0.49f + ROUND) - ROUND;
      y *= b * 0x1p-8f + (1f - b);
      k -= b * 8f;
      b = (k * 0x1p-2f - 0.49f + ROUND) - ROUND;
      y *= b * 0x1p-4f + (1f - b);
      k -= b * 4f;
      b = (k * 0x1p-1f - 0.49f + ROUND) - ROUND;
      y *= b * 0x1p-2f + (1f - b);
      k -= b * 2f;
      x[i] = y * (k * 0.5f + (1f - k));
    }
  }
}
