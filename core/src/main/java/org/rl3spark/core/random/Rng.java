package org.rl3spark.core.random;

import java.io.Serializable;

/**
 * A seeded pseudo-random generator (xoshiro256**, its state filled from the seed by the SplitMix
 * increment and the MurmurHash3 64-bit finaliser) with the samplers the pipeline needs.
 *
 * <p>Instances are mutable and not thread-safe; each piece of work owns its own generator, created
 * with {@link Seeds#rng}. All samplers use {@code StrictMath}, so a stream is bit-identical on
 * every JVM and CPU. {@link #copy()} gives an independent generator in the same state; instances
 * are serialisable (the state travels with an env shipped to an executor).
 */
public final class Rng implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final double DOUBLE_UNIT = 0x1.0p-53;

  /** Layers of the normal ziggurat (a power of two: the layer is the low byte of one draw). */
  private static final int ZIG_LAYERS = 256;

  /** Start of the tail of the 256-layer ziggurat of exp(−x²/2) (Marsaglia and Tsang, 2000). */
  private static final double ZIG_R = 3.6541528853610088;

  /** Area of every layer (base strip with the tail included) under exp(−x²/2). */
  private static final double ZIG_V = 4.92867323399e-3;

  /** Layer edges: x[0] = V/f(R) (the base strip's virtual width), x[1] = R, …, x[256] = 0. */
  private static final double[] ZIG_X = new double[ZIG_LAYERS + 1];

  /** f(x[i]) = exp(−x[i]²/2). */
  private static final double[] ZIG_F = new double[ZIG_LAYERS + 1];

  static {
    // Built with StrictMath, so the tables (and every stream that uses them) are the same on
    // every JVM and CPU.
    ZIG_X[0] = ZIG_V / StrictMath.exp(-0.5 * ZIG_R * ZIG_R);
    ZIG_X[1] = ZIG_R;
    for (int i = 2; i < ZIG_LAYERS; i++) {
      double prev = ZIG_X[i - 1];
      ZIG_X[i] =
          StrictMath.sqrt(-2 * StrictMath.log(ZIG_V / prev + StrictMath.exp(-0.5 * prev * prev)));
    }
    ZIG_X[ZIG_LAYERS] = 0;
    for (int i = 0; i <= ZIG_LAYERS; i++) {
      ZIG_F[i] = StrictMath.exp(-0.5 * ZIG_X[i] * ZIG_X[i]);
    }
  }

  private long s0;
  private long s1;
  private long s2;
  private long s3;
  private double spareGaussian;
  private boolean hasSpare;

  /** A generator whose 256-bit state is expanded from {@code seed} (see the class comment). */
  public Rng(long seed) {
    long x = seed;
    x += 0x9E3779B97F4A7C15L;
    s0 = Seeds.mix(x);
    x += 0x9E3779B97F4A7C15L;
    s1 = Seeds.mix(x);
    x += 0x9E3779B97F4A7C15L;
    s2 = Seeds.mix(x);
    x += 0x9E3779B97F4A7C15L;
    s3 = Seeds.mix(x);
    if ((s0 | s1 | s2 | s3) == 0) {
      s0 = 1;
    }
  }

  private Rng(Rng other) {
    s0 = other.s0;
    s1 = other.s1;
    s2 = other.s2;
    s3 = other.s3;
    spareGaussian = other.spareGaussian;
    hasSpare = other.hasSpare;
  }

  /** An independent generator in exactly this generator's state. */
  public Rng copy() {
    return new Rng(this);
  }

  /** The next 64 uniformly random bits. */
  public long nextLong() {
    long result = Long.rotateLeft(s1 * 5, 7) * 9;
    long t = s1 << 17;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = Long.rotateLeft(s3, 45);
    return result;
  }

  /** Uniform in [0, 1), with 53 random bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * DOUBLE_UNIT;
  }

  /** Uniform in (0, 1]: never zero, so safe under a logarithm. */
  public double nextDoubleOpenZero() {
    return ((nextLong() >>> 11) + 1) * DOUBLE_UNIT;
  }

  /** Uniform integer in [0, bound), unbiased (Lemire's method). */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive, got " + bound);
    }
    long m = (nextLong() >>> 32) * bound;
    long low = m & 0xffffffffL;
    if (low < bound) {
      long threshold = (0x100000000L - bound) % bound;
      while (low < threshold) {
        m = (nextLong() >>> 32) * bound;
        low = m & 0xffffffffL;
      }
    }
    return (int) (m >>> 32);
  }

  /** Uniform integer in [lo, hi], both inclusive. */
  public int nextIntInclusive(int lo, int hi) {
    if (hi < lo) {
      throw new IllegalArgumentException("empty range [" + lo + ", " + hi + "]");
    }
    return lo + nextInt(hi - lo + 1);
  }

  /** A fair coin. */
  public boolean nextBoolean() {
    return nextLong() < 0;
  }

  /** Standard normal N(0, 1) by the Marsaglia polar method. */
  public double nextGaussian() {
    if (hasSpare) {
      hasSpare = false;
      return spareGaussian;
    }
    double u;
    double v;
    double s;
    do {
      u = 2 * nextDouble() - 1;
      v = 2 * nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    double f = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
    spareGaussian = v * f;
    hasSpare = true;
    return u * f;
  }

  /**
   * Standard normal N(0, 1) by the ziggurat method (Marsaglia and Tsang, 2000; 256 layers, the
   * layer from the low byte and a signed 53-bit uniform from the high bits of one 64-bit draw, the
   * tail by Marsaglia's exponential rejection). About 99% of the draws cost one {@link #nextLong}
   * and a multiplication, against two uniforms, a logarithm and a square root per pair for {@link
   * #nextGaussian}.
   *
   * <p>A different stream from {@link #nextGaussian}, which stays the polar method: task generation
   * and env dynamics are pinned to it. This sampler feeds the Gamma variates of shape ≥ 1 ({@link
   * #nextGamma}, {@link #nextBeta} and {@link #nextDirichlet(double[], int, double[], int, int)}
   * with all shapes ≥ 1), which only the policies' posterior sampling uses.
   */
  public double nextGaussianZiggurat() {
    while (true) {
      long bits = nextLong();
      int i = (int) (bits & (ZIG_LAYERS - 1));
      double u = 2 * ((bits >>> 11) * DOUBLE_UNIT) - 1;
      double x = u * ZIG_X[i];
      if (Math.abs(x) < ZIG_X[i + 1]) {
        return x;
      }
      if (i == 0) {
        return zigguratTail(u < 0);
      }
      // The wedge between layer i's rectangle and the curve.
      double y = ZIG_F[i] + (ZIG_F[i + 1] - ZIG_F[i]) * nextDouble();
      if (y < StrictMath.exp(-0.5 * x * x)) {
        return x;
      }
    }
  }

  /** A draw from the normal tail beyond R (Marsaglia, 1964). */
  private double zigguratTail(boolean negative) {
    double x;
    double y;
    do {
      x = -StrictMath.log(nextDoubleOpenZero()) / ZIG_R;
      y = -StrictMath.log(nextDoubleOpenZero());
    } while (y + y < x * x);
    return negative ? -(ZIG_R + x) : ZIG_R + x;
  }

  /**
   * The logarithm of a Gamma(shape, 1) variate (Marsaglia and Tsang, 2000; for shape &lt; 1 the
   * boost G(shape + 1) U^(1/shape), kept in log space so that small shapes never underflow).
   */
  public double nextLogGamma(double shape) {
    if (!(shape > 0) || Double.isInfinite(shape)) {
      throw new IllegalArgumentException("gamma shape must be positive and finite, got " + shape);
    }
    if (shape < 1) {
      return nextLogGamma(shape + 1) + StrictMath.log(nextDoubleOpenZero()) / shape;
    }
    double d = shape - 1.0 / 3.0;
    double c = 1.0 / StrictMath.sqrt(9 * d);
    while (true) {
      double x;
      double v;
      do {
        x = nextGaussian();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      double u = nextDoubleOpenZero();
      double x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2
          || StrictMath.log(u) < 0.5 * x2 + d * (1 - v + StrictMath.log(v))) {
        return StrictMath.log(d * v);
      }
    }
  }

  /** A Gamma(shape, 1) variate. */
  public double nextGamma(double shape) {
    if (shape >= 1 && shape < Double.POSITIVE_INFINITY) {
      return marsagliaTsang(shape);
    }
    return StrictMath.exp(nextLogGamma(shape));
  }

  /**
   * Marsaglia and Tsang's method for shape ≥ 1, in linear space (no logarithm on acceptance), with
   * the normal variates of {@link #nextGaussianZiggurat}.
   */
  private double marsagliaTsang(double shape) {
    double d = shape - 1.0 / 3.0;
    double c = 1.0 / StrictMath.sqrt(9 * d);
    while (true) {
      double x;
      double v;
      do {
        x = nextGaussianZiggurat();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      double u = nextDoubleOpenZero();
      double x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2
          || StrictMath.log(u) < 0.5 * x2 + d * (1 - v + StrictMath.log(v))) {
        return d * v;
      }
    }
  }

  /** A Beta(a, b) variate, as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
  public double nextBeta(double a, double b) {
    if (a >= 1 && b >= 1) {
      double x = nextGamma(a);
      double y = nextGamma(b);
      return x / (x + y);
    }
    double lx = nextLogGamma(a);
    double ly = nextLogGamma(b);
    double m = Math.max(lx, ly);
    double x = StrictMath.exp(lx - m);
    double y = StrictMath.exp(ly - m);
    return x / (x + y);
  }

  /**
   * Fills {@code out[offset .. offset+n)} with a symmetric Dirichlet(alpha) draw: normalised Gamma
   * variates, computed in log space so that small concentrations stay well defined.
   */
  public void nextDirichlet(double alpha, double[] out, int offset, int n) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      double lg = nextLogGamma(alpha);
      out[offset + i] = lg;
      max = Math.max(max, lg);
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double x = StrictMath.exp(out[offset + i] - max);
      out[offset + i] = x;
      sum += x;
    }
    for (int i = 0; i < n; i++) {
      out[offset + i] /= sum;
    }
  }

  /**
   * Fills {@code out[offset .. offset+n)} with a Dirichlet draw with concentrations {@code
   * alpha[alphaOffset .. alphaOffset+n)} (each &gt; 0).
   */
  public void nextDirichlet(double[] alpha, int alphaOffset, double[] out, int offset, int n) {
    boolean small = false;
    for (int i = 0; i < n; i++) {
      if (alpha[alphaOffset + i] < 1) {
        small = true;
        break;
      }
    }
    double sum = 0;
    if (!small) {
      for (int i = 0; i < n; i++) {
        double g = nextGamma(alpha[alphaOffset + i]);
        out[offset + i] = g;
        sum += g;
      }
    } else {
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        double lg = nextLogGamma(alpha[alphaOffset + i]);
        out[offset + i] = lg;
        max = Math.max(max, lg);
      }
      for (int i = 0; i < n; i++) {
        double x = StrictMath.exp(out[offset + i] - max);
        out[offset + i] = x;
        sum += x;
      }
    }
    for (int i = 0; i < n; i++) {
      out[offset + i] /= sum;
    }
  }
}
