package org.rl3spark.core.ppo;

/**
 * Generalised advantage estimation over one sequence (reference §5.3; Schulman et al. 2016, eq.
 * 16).
 *
 * <p>δ_t = r_t + γ (1 − term_t) v_{t+1} − v_t and A_t = δ_t + γλ (1 − done_t) A_{t+1}, computed
 * backwards from the last step. {@code term_t} marks a terminal transition (no value past it);
 * {@code done_t} ends the recursion (terminal or truncated). A truncated step (done but not term)
 * bootstraps from v_{t+1}, the value of the state it reached. In a meta-episode only the last step
 * (t = H) is terminal and there is no truncation, so the critic's value of the post-final
 * observation is always multiplied by zero. The critic's regression target is v_t + A_t.
 */
public final class Gae {

  private Gae() {}

  /**
   * Computes the advantages of one sequence of T steps.
   *
   * @param rewards r_0 .. r_{T−1}
   * @param values v_0 .. v_T (T + 1 values: the post-final observation's included)
   * @param terminal term_t per step
   * @param done done_t per step (terminal or truncated)
   * @param gamma discount γ
   * @param lambda GAE λ
   * @param advantages output A_0 .. A_{T−1}
   */
  public static void compute(
      float[] rewards,
      float[] values,
      boolean[] terminal,
      boolean[] done,
      double gamma,
      double lambda,
      float[] advantages) {
    int t = rewards.length;
    if (values.length != t + 1
        || terminal.length != t
        || done.length != t
        || advantages.length < t) {
      throw new IllegalArgumentException(
          "GAE needs T rewards, T+1 values and T flags; got "
              + t
              + ", "
              + values.length
              + ", "
              + terminal.length
              + ", "
              + done.length);
    }
    double next = 0;
    for (int i = t - 1; i >= 0; i--) {
      double bootstrap = terminal[i] ? 0 : gamma * values[i + 1];
      double delta = rewards[i] + bootstrap - values[i];
      double a = delta + (done[i] ? 0 : gamma * lambda * next);
      advantages[i] = (float) a;
      next = a;
    }
  }

  /**
   * Normalises {@code x[from .. to)} in place to zero mean and unit sample standard deviation (n −
   * 1 denominator), dividing by std + 1e-8, as the reference does within each minibatch.
   */
  public static void normalize(float[] x, int from, int to) {
    int n = to - from;
    if (n < 1) {
      return;
    }
    double mean = 0;
    for (int i = from; i < to; i++) {
      mean += x[i];
    }
    mean /= n;
    double ss = 0;
    for (int i = from; i < to; i++) {
      double d = x[i] - mean;
      ss += d * d;
    }
    double std = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
    for (int i = from; i < to; i++) {
      x[i] = (float) ((x[i] - mean) / (std + 1e-8));
    }
  }
}
