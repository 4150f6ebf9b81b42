package org.rl3spark.core.policy.bandit;

import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gittins indices of a Bernoulli arm with a Beta(1, 1) prior and discount γ, for every posterior
 * state reachable within {@code maxPulls} pulls, computed by calibration.
 *
 * <p>For a retirement reward λ per step, the optimal-stopping value of an arm in posterior state
 * Beta(a, b) with mean μ = a/(a+b) is V(a, b) = max(λ/(1−γ), μ(1 + γV(a+1, b)) + (1−μ)γV(a, b+1)).
 * The Gittins index ν(a, b) is the λ at which retiring and continuing are equally good. One
 * backward induction over the triangle of posterior states, for each λ of a uniform grid on (0, 1),
 * gives the sign of continue − retire for all states at once; the index is the zero of that
 * difference, interpolated linearly between the two grid points that bracket it. The induction
 * starts {@code depth} pulls beyond {@code maxPulls} with the value of frozen knowledge, max(λ,
 * μ)/(1−γ) (the truncation of the RL² authors' script, which used 1000 pulls).
 *
 * <p>Tables are cached per (γ, maxPulls, depth, grid) in this JVM.
 */
public final class GittinsIndexTable implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final Map<String, GittinsIndexTable> CACHE = new ConcurrentHashMap<>();

  /** Default number of calibration points. */
  public static final int DEFAULT_GRID = 1000;

  private final double gamma;
  private final int maxPulls;
  private final int depth;
  private final int grid;

  /** ν for s successes after n pulls at [n(n+1)/2 + s]. */
  private final float[] index;

  private GittinsIndexTable(double gamma, int maxPulls, int depth, int grid, float[] index) {
    this.gamma = gamma;
    this.maxPulls = maxPulls;
    this.depth = depth;
    this.grid = grid;
    this.index = index;
  }

  /**
   * The default truncation depth: enough pulls beyond the table that γ^depth ≤ 1e-4, between 100
   * and 3000.
   */
  public static int defaultDepth(double gamma) {
    double d = Math.ceil(Math.log(1e-4) / Math.log(gamma));
    return (int) Math.max(100, Math.min(3000, d));
  }

  /** The table for γ covering {@code maxPulls} pulls, with default depth and grid (cached). */
  public static GittinsIndexTable of(double gamma, int maxPulls) {
    return of(gamma, maxPulls, defaultDepth(gamma), DEFAULT_GRID);
  }

  /** The table for the given parameters (cached). */
  public static GittinsIndexTable of(double gamma, int maxPulls, int depth, int grid) {
    if (!(gamma > 0 && gamma < 1)) {
      throw new IllegalArgumentException("Gittins discount must be in (0, 1), got " + gamma);
    }
    if (maxPulls < 0 || depth < 1 || grid < 2) {
      throw new IllegalArgumentException(
          "need maxPulls >= 0, depth >= 1, grid >= 2; got "
              + maxPulls
              + ", "
              + depth
              + ", "
              + grid);
    }
    String key = gamma + "/" + maxPulls + "/" + depth + "/" + grid;
    return CACHE.computeIfAbsent(key, k -> compute(gamma, maxPulls, depth, grid));
  }

  private static GittinsIndexTable compute(double gamma, int maxPulls, int depth, int grid) {
    int top = maxPulls + depth;
    int states = (maxPulls + 1) * (maxPulls + 2) / 2;
    float[] index = new float[states];
    double[] previousDiff = new double[states];
    boolean[] found = new boolean[states];
    double[] next = new double[top + 2];
    double[] cur = new double[top + 2];
    double scale = 1 / (1 - gamma);
    int remaining = states;
    for (int i = 1; i < grid && remaining > 0; i++) {
      double lambda = (double) i / grid;
      double retire = lambda * scale;
      // Frozen knowledge after `top` pulls.
      for (int s = 0; s <= top; s++) {
        double mu = (s + 1.0) / (top + 2.0);
        next[s] = Math.max(lambda, mu) * scale;
      }
      for (int n = top - 1; n >= 0; n--) {
        double denom = n + 2.0;
        boolean record = n <= maxPulls;
        int base = n * (n + 1) / 2;
        for (int s = 0; s <= n; s++) {
          double mu = (s + 1.0) / denom;
          double cont = mu * (1 + gamma * next[s + 1]) + (1 - mu) * gamma * next[s];
          cur[s] = Math.max(retire, cont);
          if (record && !found[base + s]) {
            double diff = cont - retire;
            if (diff <= 0) {
              double lo = (double) (i - 1) / grid;
              double prev = previousDiff[base + s];
              double nu = i == 1 ? lambda : lo + (lambda - lo) * prev / (prev - diff);
              index[base + s] = (float) nu;
              found[base + s] = true;
              remaining--;
            } else {
              previousDiff[base + s] = diff;
            }
          }
        }
        double[] t = next;
        next = cur;
        cur = t;
      }
    }
    for (int j = 0; j < states; j++) {
      if (!found[j]) {
        index[j] = (float) ((grid - 1.0) / grid);
      }
    }
    return new GittinsIndexTable(gamma, maxPulls, depth, grid, index);
  }

  /**
   * The index of an arm with {@code successes} successes in {@code pulls} pulls.
   *
   * @throws IllegalArgumentException if pulls exceeds the table
   */
  public double index(int successes, int pulls) {
    if (pulls > maxPulls || successes < 0 || successes > pulls) {
      throw new IllegalArgumentException(
          "no Gittins index for "
              + successes
              + " successes in "
              + pulls
              + " pulls (table covers "
              + maxPulls
              + " pulls)");
    }
    return index[pulls * (pulls + 1) / 2 + successes];
  }

  /** The discount. */
  public double gamma() {
    return gamma;
  }

  /** The largest number of pulls covered. */
  public int maxPulls() {
    return maxPulls;
  }

  /** Truncation depth beyond maxPulls. */
  public int depth() {
    return depth;
  }

  /** Calibration grid size. */
  public int grid() {
    return grid;
  }
}
