package org.rl3spark.envs.bandit;

import org.rl3spark.core.env.Env;
import org.rl3spark.core.env.Step;
import org.rl3spark.core.env.TabularEnv;
import org.rl3spark.core.model.TabularModel;
import org.rl3spark.core.random.Rng;

/**
 * Simulates a {@link BanditTask}: reset puts the env in the start state; one pull pays {@code u <=
 * p_a} with u ~ U[0, 1) drawn from the reset generator and terminates the episode. The observation
 * is the one-hot encoding of the state (length 2).
 */
final class BanditEnv implements TabularEnv {

  private static final long serialVersionUID = 1L;

  private final BanditTask task;
  private Rng rng;
  private int state = -1;

  BanditEnv(BanditTask task) {
    this.task = task;
  }

  @Override
  public int numActions() {
    return task.arms();
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
    this.state = BanditTask.START;
  }

  @Override
  public boolean isRunning() {
    return state == BanditTask.START;
  }

  @Override
  public Step step(int action) {
    Env.checkAction(action, task.arms());
    if (state != BanditTask.START) {
      throw new IllegalStateException(
          state < 0 ? "step() before reset()" : "step() after the pull ended the episode; reset");
    }
    double reward = rng.nextDouble() <= task.rawP(action) ? 1.0 : 0.0;
    state = BanditTask.PULLED;
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
    out[offset] = s == BanditTask.START ? 1f : 0f;
    out[offset + 1] = s == BanditTask.PULLED ? 1f : 0f;
  }
}
