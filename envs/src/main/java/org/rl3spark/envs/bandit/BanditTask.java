package org.rl3spark.envs.bandit;

import org.rl3spark.core.env.TabularEnv;
import org.rl3spark.core.model.SparseModel;
import org.rl3spark.core.model.TabularModel;
import org.rl3spark.core.task.Task;
import org.rl3spark.core.task.TaskId;

/**
 * A k-armed Bernoulli bandit as a two-state MDP (reference §1.1): state 0 is "not pulled yet",
 * state 1 "pulled" and absorbing. Any arm pulled in state 0 pays 1 with probability p_a (0
 * otherwise) and moves to state 1, so every pull is a one-step episode (task horizon 1).
 *
 * <p>The stored p may lie outside [0, 1] (the OOD distribution is not clipped); the reward is
 * {@code u <= p} with u ~ U[0, 1), so the effective success probability is clamp(p, 0, 1).
 *
 * @param id where the task comes from
 * @param p the arms' parameters, as drawn
 */
public record BanditTask(TaskId id, double[] p) implements Task {

  private static final long serialVersionUID = 1L;

  /** State before the pull. */
  public static final int START = 0;

  /** Absorbing state after the pull. */
  public static final int PULLED = 1;

  /** Validates and copies the parameters. */
  public BanditTask {
    if (p == null || p.length < 1) {
      throw new IllegalArgumentException("a bandit needs at least 1 arm");
    }
    p = p.clone();
    for (int a = 0; a < p.length; a++) {
      if (!Double.isFinite(p[a])) {
        throw new IllegalArgumentException("arm " + a + " has a non-finite parameter " + p[a]);
      }
    }
  }

  @Override
  public double[] p() {
    return p.clone();
  }

  /** Number of arms k. */
  public int arms() {
    return p.length;
  }

  /** The probability that arm a pays 1: clamp(p_a, 0, 1). */
  public double successProbability(int a) {
    return Math.min(1.0, Math.max(0.0, p[a]));
  }

  /** The largest success probability over the arms. */
  public double bestArmProbability() {
    double best = 0;
    for (int a = 0; a < p.length; a++) {
      best = Math.max(best, successProbability(a));
    }
    return best;
  }

  /** The raw parameter of arm a (as drawn, possibly outside [0, 1]). */
  double rawP(int a) {
    return p[a];
  }

  @Override
  public TabularEnv newEnv() {
    return new BanditEnv(this);
  }

  @Override
  public TabularModel model() {
    SparseModel.Builder b = new SparseModel.Builder(2, p.length);
    for (int a = 0; a < p.length; a++) {
      double q = successProbability(a);
      b.add(START, a, PULLED, 1.0, q);
    }
    b.absorbing(PULLED);
    return b.build();
  }

  @Override
  public int startState() {
    return START;
  }

  @Override
  public int taskHorizon() {
    return 1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BanditTask t && id.equals(t.id) && java.util.Arrays.equals(p, t.p);
  }

  @Override
  public int hashCode() {
    return 31 * id.hashCode() + java.util.Arrays.hashCode(p);
  }

  @Override
  public String toString() {
    return "BanditTask[" + id + ", p=" + java.util.Arrays.toString(p) + "]";
  }
}
