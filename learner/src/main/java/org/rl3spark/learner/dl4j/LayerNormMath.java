package org.rl3spark.learner.dl4j;

/**
 * Layer normalisation of rows and its gradient, written out (the function of {@link
 * SdOps#layerNorm}): y = (x − μ) / (σ + ε)·g + b with the population σ and ε added to σ.
 */
final class LayerNormMath {

  private static final float EPSILON = (float) SdOps.LAYER_NORM_EPSILON;

  private LayerNormMath() {}

  /**
   * Normalises {@code n} rows of width {@code d}; keeps x̂ (the normalised rows before gain and
   * bias) and σ per row for {@link #backward}.
   */
  static void forward(float[] x, int n, int d, float[] g, float[] b, float[] hat, float[] sigma,
      float[] y) {
    for (int r = 0; r < n; r++) {
      int o = r * d;
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
      float s = (float) Math.sqrt(sq / d);
      sigma[r] = s;
      float inv = 1f / (s + EPSILON);
      for (int j = 0; j < d; j++) {
        float h = (x[o + j] - mean) * inv;
        hat[o + j] = h;
        y[o + j] = h * g[j] + b[j];
      }
    }
  }

  /**
   * Given dL/dy, adds dL/dg and dL/db into {@code dg}, {@code db} and writes dL/dx into {@code dx}
   * (which may be {@code dy} itself): dx = (dx̂ − mean dx̂)/(σ + ε) − x̂·mean(dx̂·x̂)/σ with
   * dx̂ = dy·g (the second term vanishes for a constant row, σ = 0).
   */
  static void backward(float[] dy, int n, int d, float[] g, float[] hat, float[] sigma,
      float[] dg, float[] db, float[] dx) {
    for (int r = 0; r < n; r++) {
      int o = r * d;
      float m1 = 0;
      float m2 = 0;
      for (int j = 0; j < d; j++) {
        float v = dy[o + j];
        float h = hat[o + j];
        dg[j] += v * h;
        db[j] += v;
        float dh = v * g[j];
        m1 += dh;
        m2 += dh * h;
      }
      m1 /= d;
      m2 /= d;
      float s = sigma[r];
      float inv = 1f / (s + EPSILON);
      float k = s > 0 ? m2 / s : 0f;
      for (int j = 0; j < d; j++) {
        dx[o + j] = (dy[o + j] * g[j] - m1) * inv - hat[o + j] * k;
      }
    }
  }
}
