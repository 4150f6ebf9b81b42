package org.rl3spark.core.policy.tabular;

import java.util.Arrays;

/**
 * Finite-horizon value iteration over one episode of {@code horizon} steps (TabulaRL's {@code
 * compute_qVals}, {@code compute_qVals_opt}, {@code compute_qVals_EVI}). Q is time-dependent: q[h]
 * holds Q for decisions at step h of the episode (h = 0 first), flattened [s·A + a]; vmax[h][s] =
 * max_a q[h]; vmax[horizon] = 0.
 */
final class EpisodicPlanner {

  final int states;
  final int actions;
  final int horizon;
  final double[][] q;
  final double[][] vmax;
  private final Integer[] order;
  private final double[] optimistic;

  EpisodicPlanner(int states, int actions, int horizon) {
    this.states = states;
    this.actions = actions;
    this.horizon = horizon;
    q = new double[horizon][states * actions];
    vmax = new double[horizon + 1][states];
    order = new Integer[states];
    optimistic = new double[states];
  }

  /** Plain backward induction on (R, P), plus per-(s, a) bonuses: R + rBonus + P·V + pBonus·i. */
  void solve(double[] r, double[] p, double[] rBonus, double[] pBonus) {
    Arrays.fill(vmax[horizon], 0);
    for (int i = 0; i < horizon; i++) {
      int j = horizon - i - 1;
      double[] next = vmax[j + 1];
      for (int s = 0; s < states; s++) {
        double best = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < actions; a++) {
          int row = s * actions + a;
          double acc = r[row];
          int base = row * states;
          for (int k = 0; k < states; k++) {
            acc += p[base + k] * next[k];
          }
          if (rBonus != null) {
            acc += rBonus[row] + pBonus[row] * i;
          }
          q[j][row] = acc;
          best = Math.max(best, acc);
        }
        vmax[j][s] = best;
      }
    }
  }

  /** Element-wise maximum with another planner's Q and V (optimistic PSRL's envelope). */
  void maxWith(EpisodicPlanner other) {
    for (int h = 0; h < horizon; h++) {
      for (int i = 0; i < q[h].length; i++) {
        q[h][i] = Math.max(q[h][i], other.q[h][i]);
      }
      for (int s = 0; s < states; s++) {
        vmax[h][s] = Math.max(vmax[h][s], other.vmax[h][s]);
      }
    }
  }

  /**
   * Extended value iteration as TabulaRL codes it: per (s, a) and step, the reward is R + rSlack,
   * and half the transition L1 slack pSlack moves to the successor with the highest next value (all
   * of the mass if that would exceed 1), and the excess is removed from the successors with the
   * lowest values. As in the reference, the optimistic vector replaces the MAP row in place, so the
   * optimism of later steps compounds on earlier ones within one solve; {@code p} is modified.
   */
  void solveExtended(double[] r, double[] p, double[] rSlack, double[] pSlack) {
    Arrays.fill(vmax[horizon], 0);
    for (int i = 0; i < horizon; i++) {
      int j = horizon - i - 1;
      double[] next = vmax[j + 1];
      for (int k = 0; k < states; k++) {
        order[k] = k;
      }
      // Ascending next value; ties in index order (a stable sort, like numpy's on short arrays).
      Arrays.sort(order, (x, y) -> Double.compare(next[x], next[y]));
      int top = order[states - 1];
      for (int s = 0; s < states; s++) {
        double best = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < actions; a++) {
          int row = s * actions + a;
          int base = row * states;
          double[] target;
          int off;
          if (p[base + top] + pSlack[row] * 0.5 > 1) {
            Arrays.fill(optimistic, 0);
            optimistic[top] = 1;
            target = optimistic;
            off = 0;
          } else {
            p[base + top] += pSlack[row] * 0.5;
            target = p;
            off = base;
          }
          int loop = 0;
          double sum = sum(target, off);
          while (sum > 1 && loop < states) {
            int worst = order[loop];
            target[off + worst] = Math.max(0, 1 - sum + target[off + worst]);
            sum = sum(target, off);
            loop++;
          }
          double acc = r[row] + rSlack[row];
          for (int k = 0; k < states; k++) {
            acc += target[off + k] * next[k];
          }
          q[j][row] = acc;
          best = Math.max(best, acc);
        }
        vmax[j][s] = best;
      }
    }
  }

  private double sum(double[] x, int off) {
    double acc = 0;
    for (int k = 0; k < states; k++) {
      acc += x[off + k];
    }
    return acc;
  }
}
