package org.rl3spark.learner.dl4j;

/**
 * Layer normalisation of rows and its gradient, written out (the function of {@link
 * SdOps#layerNorm}): y = (x − μ) / (σ + ε)·g + b with the population σ and ε added to σ.
 *
 * <p>Each row is copied into scratch arrays ({@link Rows}) and computed there: C2 (JDK 17)
 * vectorises a loop only if all its float arrays are indexed alike, so a loop over a row at offset
 * r·d together with the gain at offset 0 would stay scalar. Same arithmetic in the same order as
 * the direct loops.
 */
final class LayerNormMath {

  private static final float EPSILON = (float) SdOps.LAYER_NORM_EPSILON;

  /** Per-thread scratch rows of width d. */
  static final class Rows {
    private final float[] a;
    private final float[] b;
    private final float[] c;

    Rows(int d) {
      a = new float[d];
      b = new float[d];
      c = new float[d];
    }
  }

  private LayerNormMath() {}

  /**
   * Normalises {@code n} rows of width {@code d}; keeps x̂ (the normalised rows before gain and
   * bias) and σ per row for {@link #backward}.
   */
  static void forward(
      float[] x,
      int n,
      int d,
      float[] g,
      float[] b,
      float[] hat,
      float[] sigma,
      float[] y,
      Rows rows) {
    float[] rx = rows.a;
    float[] ry = rows.b;
    for (int r = 0; r < n; r++) {
      int o = r * d;
      System.arraycopy(x, o, rx, 0, d);
      float sum = 0;
      for (int j = 0; j < d; j++) {
        sum += rx[j];
      }
      float mean = sum / d;
      float sq = 0;
      for (int j = 0; j < d; j++) {
        float c = rx[j] - mean;
        sq += c * c;
      }
      float s = (float) Math.sqrt(sq / d);
      sigma[r] = s;
      float inv = 1f / (s + EPSILON);
      for (int j = 0; j < d; j++) {
        float h = (rx[j] - mean) * inv;
        rx[j] = h;
        ry[j] = h * g[j] + b[j];
      }
      System.arraycopy(rx, 0, hat, o, d);
      System.arraycopy(ry, 0, y, o, d);
    }
  }

  /**
   * Given dL/dy, adds dL/dg and dL/db into {@code dg}, {@code db} and writes dL/dx into {@code dx}
   * (which may be {@code dy} itself): dx = (dx̂ − mean dx̂)/(σ + ε) − x̂·mean(dx̂·x̂)/σ with dx̂ =
   * dy·g (the second term vanishes for a constant row, σ = 0).
   */
  static void backward(
      float[] dy,
      int n,
      int d,
      float[] g,
      float[] hat,
      float[] sigma,
      float[] dg,
      float[] db,
      float[] dx,
      Rows rows) {
    float[] rv = rows.a;
    float[] rh = rows.b;
    float[] rd = rows.c;
    for (int r = 0; r < n; r++) {
      int o = r * d;
      System.arraycopy(dy, o, rv, 0, d);
      System.arraycopy(hat, o, rh, 0, d);
      for (int j = 0; j < d; j++) {
        float v = rv[j];
        dg[j] += v * rh[j];
        db[j] += v;
      }
      float m1 = 0;
      float m2 = 0;
      for (int j = 0; j < d; j++) {
        float dh = rv[j] * g[j];
        m1 += dh;
        m2 += dh * rh[j];
      }
      m1 /= d;
      m2 /= d;
      float s = sigma[r];
      float inv = 1f / (s + EPSILON);
      float k = s > 0 ? m2 / s : 0f;
      for (int j = 0; j < d; j++) {
        rd[j] = (rv[j] * g[j] - m1) * inv - rh[j] * k;
      }
      System.arraycopy(rd, 0, dx, o, d);
    }
  }
}
