package org.rl3spark.learner.ppo;

import java.io.Serializable;
import org.rl3spark.core.ppo.Gae;

/**
 * GAE advantages and critic targets of a {@link RolloutBatch} given the critic's values of its H+1
 * observations per env. Every meta-episode terminates at t = H (no bootstrap past the budget) and
 * nothing is truncated, as in the reference.
 *
 * @param advantages [N][H] (unnormalised)
 * @param targets [N][H]: v_t + A_t
 */
public record Advantages(float[] advantages, float[] targets) implements Serializable {

  /**
   * Computes the advantages.
   *
   * @param batch the rollouts
   * @param values [N][H + 1] critic values
   */
  public static Advantages of(RolloutBatch batch, float[] values, double gamma, double lambda) {
    int n = batch.envs();
    int h = batch.horizon();
    float[] adv = new float[n * h];
    float[] targets = new float[n * h];
    boolean[] terminal = new boolean[h];
    terminal[h - 1] = true;
    float[] r = new float[h];
    float[] v = new float[h + 1];
    float[] a = new float[h];
    for (int e = 0; e < n; e++) {
      System.arraycopy(batch.rewards(), e * h, r, 0, h);
      System.arraycopy(values, e * (h + 1), v, 0, h + 1);
      Gae.compute(r, v, terminal, terminal, gamma, lambda, a);
      for (int t = 0; t < h; t++) {
        adv[e * h + t] = a[t];
        targets[e * h + t] = v[t] + a[t];
      }
    }
    return new Advantages(adv, targets);
  }

  /**
   * The critic's explained variance on this batch, 1 − Var(targets − v) / Var(targets) over the N·H
   * positions, where v are the values the advantages were computed from ([N][H + 1]; the post-final
   * position is not a target): 1 is a perfect critic, 0 one no better than the mean, negative
   * worse. On fresh rollouts, before the update, it says how well the critic generalises.
   */
  public double explainedVariance(float[] values, int horizon) {
    int n = targets.length / horizon;
    double sumT = 0;
    double sumT2 = 0;
    double sumE = 0;
    double sumE2 = 0;
    for (int e = 0; e < n; e++) {
      for (int t = 0; t < horizon; t++) {
        double y = targets[e * horizon + t];
        double err = y - values[e * (horizon + 1) + t];
        sumT += y;
        sumT2 += y * y;
        sumE += err;
        sumE2 += err * err;
      }
    }
    int m = n * horizon;
    double varT = sumT2 / m - (sumT / m) * (sumT / m);
    double varE = sumE2 / m - (sumE / m) * (sumE / m);
    return varT > 0 ? 1 - varE / varT : Double.NaN;
  }
}
