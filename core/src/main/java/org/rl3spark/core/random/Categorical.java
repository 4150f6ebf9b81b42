package org.rl3spark.core.random;

/**
 * The categorical distribution over n outcomes, given as a slice {@code p[offset .. offset+n)} of a
 * probability array: π = softmax(z) of a policy's logits, sampling, the greedy choice, entropy and
 * KL. The one implementation for the rollouts of training, the evaluation of trained agents, the
 * env dynamics of tabular tasks and the PPO update's statistics.
 *
 * <p>Sampling inverts the cumulative sum: one uniform u = {@link Rng#nextDouble()} in [0, 1), and
 * the first index whose running sum (in double, over the indices with positive probability) exceeds
 * u. Probabilities that sum to slightly less than 1 (a softmax rounded to floats) leave a remainder
 * [Σp, 1) in which no index is reached; {@link Remainder} says where such a draw goes.
 */
public final class Categorical {

  private Categorical() {}

  /**
   * Where a draw goes whose u lies in the rounding remainder [Σp, 1).
   *
   * <p>The two readings differ only when u ≥ Σp (a chance of order 1e-7 per draw for float
   * probabilities) and the last index's probability is exactly 0 (for a softmax in floats, a logit
   * more than about 104 below the largest). Each caller keeps the reading its existing results were
   * produced with, so that they reproduce bit for bit: the training rollouts (and so every trained
   * network and its metrics) {@link #LAST_POSITIVE}, the evaluation of trained agents (every
   * evaluation table and the shipped agents' replays) {@link #LAST_INDEX}.
   */
  public enum Remainder {
    /**
     * The last index with positive probability, so that an outcome of probability 0 is never drawn;
     * a slice without positive probability (all zero or NaN) is an error. Env dynamics and the
     * rollouts of training.
     */
    LAST_POSITIVE,
    /**
     * The last index, n − 1, whatever its probability (also when no probability is positive). The
     * evaluation of trained agents ({@code LearnedPolicy}).
     */
    LAST_INDEX
  }

  /**
   * π = softmax(z) of the logits {@code z[zo .. zo+n)} into {@code out[oo .. oo+n)}: computed in
   * double (the largest logit subtracted), written as floats.
   */
  public static void softmax(float[] z, int zo, int n, float[] out, int oo) {
    double[] wide = widen(z, zo, n);
    double max = max(wide, 0, n);
    double sum = sumExp(wide, 0, n, max);
    for (int i = 0; i < n; i++) {
      out[oo + i] = (float) (Math.exp(wide[i] - max) / sum);
    }
  }

  /**
   * log Σ_j exp(z_j) of the logits {@code z[zo .. zo+n)}, so that log π_j = z_j − this: the largest
   * logit plus the logarithm of the shifted sum, as in {@link #softmax}.
   */
  public static double logNormalizer(double[] z, int zo, int n) {
    double max = max(z, zo, n);
    return max + Math.log(sumExp(z, zo, n, max));
  }

  /**
   * Draws an index in [0, n) from {@code p[offset .. offset+n)} (probabilities summing to 1 up to
   * rounding), a draw in the rounding remainder going to the last index with positive probability.
   *
   * @throws IllegalArgumentException if no probability in the slice is positive
   */
  public static int sample(double[] p, int offset, int n, Rng rng) {
    return sample(p, offset, n, rng, Remainder.LAST_POSITIVE);
  }

  /**
   * Draws an index in [0, n) from float probabilities (a softmax's), summed in double exactly as
   * {@link #sample(double[], int, int, Rng, Remainder)} sums their values.
   */
  public static int sample(float[] p, int offset, int n, Rng rng, Remainder remainder) {
    return sample(widen(p, offset, n), 0, n, rng, remainder);
  }

  /**
   * Draws an index in [0, n) from {@code p[offset .. offset+n)}.
   *
   * @param remainder where a draw in the rounding remainder goes
   * @throws IllegalArgumentException with {@link Remainder#LAST_POSITIVE}, if no probability in the
   *     slice is positive
   */
  public static int sample(double[] p, int offset, int n, Rng rng, Remainder remainder) {
    double u = rng.nextDouble();
    double c = 0;
    int last = -1;
    for (int i = 0; i < n; i++) {
      double pi = p[offset + i];
      if (pi > 0) {
        c += pi;
        last = i;
        if (u < c) {
          return i;
        }
      }
    }
    if (remainder == Remainder.LAST_INDEX) {
      return n - 1;
    }
    if (last < 0) {
      throw new IllegalArgumentException("categorical distribution has no positive mass");
    }
    return last;
  }

  /** The most probable index of {@code p[offset .. offset+n)}, the first of several equal ones. */
  public static int argmax(float[] p, int offset, int n) {
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (p[offset + i] > p[offset + best]) {
        best = i;
      }
    }
    return best;
  }

  /** Entropy −Σ π log π of {@code p[offset .. offset+n)} (terms with π = 0 contribute 0). */
  public static double entropy(float[] p, int offset, int n) {
    double h = 0;
    for (int a = 0; a < n; a++) {
      double pa = p[offset + a];
      if (pa > 0) {
        h -= pa * Math.log(pa);
      }
    }
    return h;
  }

  /**
   * Forward KL(old ‖ new) = Σ_a π_old(a)(log π_old(a) − log π_new(a)) of two probability vectors
   * (PPO's early-stopping statistic, reference §5.4): terms with π_old(a) = 0 contribute 0, and
   * π_new(a) is floored at {@link Float#MIN_NORMAL} so that the result stays finite.
   */
  public static double kl(float[] oldP, int oldOffset, float[] newP, int newOffset, int n) {
    double kl = 0;
    for (int a = 0; a < n; a++) {
      double p = oldP[oldOffset + a];
      if (p > 0) {
        kl += p * (Math.log(p) - Math.log(Math.max(newP[newOffset + a], Float.MIN_NORMAL)));
      }
    }
    return kl;
  }

  /** The values as doubles (exactly: every float is a double). */
  private static double[] widen(float[] x, int offset, int n) {
    double[] wide = new double[n];
    for (int i = 0; i < n; i++) {
      wide[i] = x[offset + i];
    }
    return wide;
  }

  private static double max(double[] z, int zo, int n) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, z[zo + i]);
    }
    return max;
  }

  /** Σ exp(z_i − max). */
  private static double sumExp(double[] z, int zo, int n, double max) {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += Math.exp(z[zo + i] - max);
    }
    return sum;
  }
}
