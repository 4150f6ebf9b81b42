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
   * Normalises {@code n} rows of width {@code d}, from row {@code xRow} of x into y from row {@code
   * yRow}; keeps x̂ (the normalised rows before gain and bias) and σ per row, from row {@code
   * hatRow}, for {@link #backward}. Each row's sum and sum of squared deviations run in order j = 0
   * … d − 1 as a row at a time would, four rows interleaved (four independent chains of additions
   * instead of one, the same values).
   */
  static void forward(
      float[] x,
      int xRow,
      int n,
      int d,
      float[] g,
      float[] b,
      float[] hat,
      float[] sigma,
      int hatRow,
      float[] y,
      int yRow,
      Rows rows) {
    int r = 0;
    for (; r + 4 <= n; r += 4) {
      int o0 = (xRow + r) * d;
      int o1 = o0 + d;
      int o2 = o1 + d;
      int o3 = o2 + d;
      float s0 = 0;
      float s1 = 0;
      float s2 = 0;
      float s3 = 0;
      for (int j = 0; j < d; j++) {
        s0 += x[o0 + j];
        s1 += x[o1 + j];
        s2 += x[o2 + j];
        s3 += x[o3 + j];
      }
      float m0 = s0 / d;
      float m1 = s1 / d;
      float m2 = s2 / d;
      float m3 = s3 / d;
      float q0 = 0;
      float q1 = 0;
      float q2 = 0;
      float q3 = 0;
      for (int j = 0; j < d; j++) {
        float c0 = x[o0 + j] - m0;
        q0 += c0 * c0;
        float c1 = x[o1 + j] - m1;
        q1 += c1 * c1;
        float c2 = x[o2 + j] - m2;
        q2 += c2 * c2;
        float c3 = x[o3 + j] - m3;
        q3 += c3 * c3;
      }
      normalise(x, xRow + r, d, m0, q0, g, b, hat, sigma, hatRow + r, y, yRow + r, rows);
      normalise(
          x, xRow + r + 1, d, m1, q1, g, b, hat, sigma, hatRow + r + 1, y, yRow + r + 1, rows);
      normalise(
          x, xRow + r + 2, d, m2, q2, g, b, hat, sigma, hatRow + r + 2, y, yRow + r + 2, rows);
      normalise(
          x, xRow + r + 3, d, m3, q3, g, b, hat, sigma, hatRow + r + 3, y, yRow + r + 3, rows);
    }
    for (; r < n; r++) {
      int o = (xRow + r) * d;
      float sum = 0;
      for (int j = 0; j < d; j++) {
        sum += x[o + j];
      }
      float mean = sum / d;
      float sq = 0;
      for (int j = 0; j < d; j++) {
        float c = x[o + j] - mean;
        sq += c * c;
      }
      normalise(x, xRow + r, d, mean, sq, g, b, hat, sigma, hatRow + r, y, yRow + r, rows);
    }
  }

  /**
   * Row xr of x into row hr of hat and sigma and row yr of y, given the row's mean and sum of
   * squared deviations ({@link #forward}).
   */
  private static void normalise(
      float[] x,
      int xr,
      int d,
      float mean,
      float sq,
      float[] g,
      float[] b,
      float[] hat,
      float[] sigma,
      int hr,
      float[] y,
      int yr,
      Rows rows) {
    float[] rx = rows.a;
    float[] ry = rows.b;
    float s = (float) Math.sqrt(sq / d);
    sigma[hr] = s;
    float inv = 1f / (s + EPSILON);
    System.arraycopy(x, xr * d, rx, 0, d);
    for (int j = 0; j < d; j++) {
      float h = (rx[j] - mean) * inv;
      rx[j] = h;
      ry[j] = h * g[j] + b[j];
    }
    System.arraycopy(rx, 0, hat, hr * d, d);
    System.arraycopy(ry, 0, y, yr * d, d);
  }

  /**
   * Given dL/dy, adds dL/dg and dL/db into {@code dg}, {@code db} and writes dL/dx into {@code dx}
   * (which may be {@code dy} itself): dx = (dx̂ − mean dx̂)/(σ + ε) − x̂·mean(dx̂·x̂)/σ with dx̂ =
   * dy·g (the second term vanishes for a constant row, σ = 0), for the {@code n} rows of dy and dx
   * from their row 0 whose x̂ and σ are the rows of hat and sigma from {@code hatRow}.
   */
  static void backward(
      float[] dy,
      int n,
      int d,
      float[] g,
      float[] hat,
      float[] sigma,
      int hatRow,
      float[] dg,
      float[] db,
      float[] dx,
      Rows rows) {
    float[] rv = rows.a;
    float[] rh = rows.b;
    float[] rd = rows.c;
    for (int r = 0; r < n; r++) {
      int o = r * d;
      int h = (hatRow + r) * d;
      System.arraycopy(dy, o, rv, 0, d);
      System.arraycopy(hat, h, rh, 0, d);
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
      float s = sigma[hatRow + r];
      float inv = 1f / (s + EPSILON);
      float k = s > 0 ? m2 / s : 0f;
      for (int j = 0; j < d; j++) {
        rd[j] = (rv[j] * g[j] - m1) * inv - rh[j] * k;
      }
      System.arraycopy(rd, 0, dx, o, d);
    }
  }
}
