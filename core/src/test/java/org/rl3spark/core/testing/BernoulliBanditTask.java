package org.rl3spark.core.testing;

import org.rl3spark.core.env.Env;
import org.rl3spark.core.env.Step;
import org.rl3spark.core.env.TabularEnv;
import org.rl3spark.core.model.SparseModel;
import org.rl3spark.core.model.TabularModel;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.task.Task;
import org.rl3spark.core.task.TaskId;

/**
 * A k-armed Bernoulli bandit as a 2-state MDP (reference §1.1), for core tests: state 0 is the
 * start, state 1 is absorbing; any arm a pulled in state 0 pays 1 with probability p_a (else 0) and
 * moves to state 1, so every pull is a one-step episode (TH = 1). States are one-hot encoded.
 *
 * @param id identity
 * @param p success probability of each arm, in [0, 1]
 */
public record BernoulliBanditTask(TaskId id, double[] p) implements Task {

  private static final long serialVersionUID = 1L;

  /** The start state. */
  public static final int START = 0;

  /** The absorbing state after a pull. */
  public static final int PULLED = 1;

  /** Validates and copies p. */
  public BernoulliBanditTask {
    p = p.clone();
    for (double x : p) {
      if (!(x >= 0 && x <= 1)) {
        throw new IllegalArgumentException("success probability outside [0, 1]: " + x);
      }
    }
  }

  @Override
  public double[] p() {
    return p.clone();
  }

  @Override
  public TabularEnv newEnv() {
    return new BanditEnv(this);
  }

  @Override
  public TabularModel model() {
    SparseModel.Builder b = new SparseModel.Builder(2, p.length);
    for (int a = 0; a < p.length; a++) {
      b.add(START, a, PULLED, 1.0, p[a]);
    }
    return b.absorbing(PULLED).build();
  }

  @Override
  public int startState() {
    return START;
  }

  @Override
  public int taskHorizon() {
    return 1;
  }

  private static final class BanditEnv implements TabularEnv {
    private static final long serialVersionUID = 1L;
    private final BernoulliBanditTask task;
    private Rng rng;
    private int state = -1;

    BanditEnv(BernoulliBanditTask task) {
      this.task = task;
    }

    @Override
    public int numActions() {
      return task.p.length;
    }

    @Override
    public int observationSize() {
      return 2;
    }

    @Override
    public int numStates() {
      return 2;
    }

    @Override
    public void reset(Rng rng) {
      this.rng = rng;
      state = START;
    }

    @Override
    public boolean isRunning() {
      return state == START;
    }

    @Override
    public Step step(int action) {
      Env.checkAction(action, task.p.length);
      if (state != START) {
        throw new IllegalStateException("step() before reset() or after the pull");
      }
      double reward = rng.nextDouble() < task.p[action] ? 1.0 : 0.0;
      state = PULLED;
      return new Step(reward, true, false);
    }

    @Override
    public int state() {
      if (state < 0) {
        throw new IllegalStateException("state() before reset()");
      }
      return state;
    }

    @Override
    public TabularModel model() {
      return task.model();
    }

    @Override
    public void encodeState(int s, float[] out, int offset) {
      out[offset] = s == START ? 1f : 0f;
      out[offset + 1] = s == PULLED ? 1f : 0f;
    }
  }
}
