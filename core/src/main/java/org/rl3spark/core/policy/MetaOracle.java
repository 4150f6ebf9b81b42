package org.rl3spark.core.policy;

import org.rl3spark.core.model.SparseModel;
import org.rl3spark.core.model.TabularModel;
import org.rl3spark.core.task.Task;

/**
 * The optimal policy of a whole meta-episode on a known task, by exact backward induction.
 *
 * <p>The state of the meta-episode is (steps left k, step in the inner episode τ, task state s). A
 * transition to s' pays R(s, a, s'); if s' is absorbing or τ + 1 reaches the task horizon the next
 * inner episode starts at the start state with τ = 0. V_0 = 0 and V_k(s, τ) = max_a Σ_s' T(s, a,
 * s') (R(s, a, s') + V_{k−1}(next(s', τ))). V_H(start, 0) is the oracle's expected return: H·max_a
 * p_a on bandits, (H/10)·V*_10(start) on random MDPs, and on grids the best use of the remaining
 * budget including the restarts after the goal. When the task horizon is at least H, τ never
 * matters and is dropped.
 */
public final class MetaOracle {

  private final int budget;
  private final int states;
  private final int actions;
  private final int tauDim;
  private final int taskHorizon;
  private final int start;
  private final int[] rowStart;
  private final int[] next;
  private final double[] prob;
  private final double[] reward;
  private final boolean[] absorbing;

  /** values[k][τ·S + s]. */
  private final double[][] values;

  private MetaOracle(TabularModel model, int start, int budget, int taskHorizon) {
    this.budget = budget;
    this.states = model.numStates();
    this.actions = model.numActions();
    this.start = start;
    this.taskHorizon = taskHorizon;
    this.tauDim = taskHorizon >= budget ? 1 : taskHorizon;
    this.absorbing = new boolean[states];
    int rows = states * actions;
    rowStart = new int[rows + 1];
    int nnz = 0;
    SparseModel sparse = model instanceof SparseModel sm ? sm : null;
    for (int s = 0; s < states; s++) {
      absorbing[s] = model.isAbsorbing(s);
      for (int a = 0; a < actions; a++) {
        rowStart[s * actions + a] = nnz;
        if (sparse != null) {
          nnz += sparse.successorCount(s, a);
        } else {
          for (int t = 0; t < states; t++) {
            if (model.transitionProbability(s, a, t) > 0) {
              nnz++;
            }
          }
        }
      }
    }
    rowStart[rows] = nnz;
    next = new int[nnz];
    prob = new double[nnz];
    reward = new double[nnz];
    int i = 0;
    for (int s = 0; s < states; s++) {
      for (int a = 0; a < actions; a++) {
        if (sparse != null) {
          for (int j = 0; j < sparse.successorCount(s, a); j++, i++) {
            next[i] = sparse.successor(s, a, j);
            prob[i] = sparse.successorProbability(s, a, j);
            reward[i] = sparse.successorReward(s, a, j);
          }
        } else {
          for (int t = 0; t < states; t++) {
            double p = model.transitionProbability(s, a, t);
            if (p > 0) {
              next[i] = t;
              prob[i] = p;
              reward[i] = model.expectedReward(s, a, t);
              i++;
            }
          }
        }
      }
    }
    values = new double[budget + 1][tauDim * states];
    for (int k = 1; k <= budget; k++) {
      double[] prev = values[k - 1];
      double[] cur = values[k];
      for (int tau = 0; tau < tauDim; tau++) {
        for (int s = 0; s < states; s++) {
          double best = Double.NEGATIVE_INFINITY;
          for (int a = 0; a < actions; a++) {
            best = Math.max(best, q(prev, s, tau, a));
          }
          cur[tau * states + s] = best;
        }
      }
    }
  }

  /** Solves the meta-episode of budget H on a task. */
  public static MetaOracle solve(Task task, int budget) {
    return new MetaOracle(
        task.model(), task.startState(), budget, Math.min(task.taskHorizon(), budget));
  }

  private double q(double[] prev, int s, int tau, int a) {
    int row = s * actions + a;
    double acc = 0;
    for (int i = rowStart[row]; i < rowStart[row + 1]; i++) {
      int t = next[i];
      double v;
      if (absorbing[t] || tau + 1 >= taskHorizon) {
        v = prev[start];
      } else {
        v = prev[(tauDim == 1 ? 0 : tau + 1) * states + t];
      }
      acc += prob[i] * (reward[i] + v);
    }
    return acc;
  }

  /** The optimal expected return of the whole meta-episode. */
  public double expectedReturn() {
    return values[budget][start];
  }

  /** An optimal action with {@code remaining} steps left in state s at inner step τ. */
  public int bestAction(int remaining, int state, int episodeStep) {
    double[] prev = values[remaining - 1];
    int tau = tauDim == 1 ? 0 : episodeStep;
    int best = 0;
    double bestValue = Double.NEGATIVE_INFINITY;
    for (int a = 0; a < actions; a++) {
      double v = q(prev, state, tau, a);
      if (v > bestValue) {
        bestValue = v;
        best = a;
      }
    }
    return best;
  }

  /** The policy that acts by {@link #bestAction} on the true model of each task. */
  public record OraclePolicy() implements Policy {

    private static final long serialVersionUID = 1L;

    @Override
    public String name() {
      return "oracle";
    }

    @Override
    public Agent start(AgentContext ctx) {
      MetaOracle plan = MetaOracle.solve(ctx.task(), ctx.budget());
      return o -> plan.bestAction(ctx.budget() - o.step, o.state, o.episodeStep);
    }
  }
}
