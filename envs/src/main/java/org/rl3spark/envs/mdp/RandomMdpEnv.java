package org.rl3spark.envs.mdp;

import org.rl3spark.core.env.Env;
import org.rl3spark.core.env.Step;
import org.rl3spark.core.env.TabularEnv;
import org.rl3spark.core.model.TabularModel;
import org.rl3spark.core.random.Categorical;
import org.rl3spark.core.random.Rng;

/**
 * Simulates a {@link RandomMdpTask}: s' ~ T(s, a, ·), reward R(s, a) + noise·N(0, 1). Never
 * terminates; the meta-episode truncates episodes at the task horizon. The observation is the
 * one-hot encoding of the state.
 */
final class RandomMdpEnv implements TabularEnv {

  private static final long serialVersionUID = 1L;

  private final RandomMdpTask task;
  private final double[] transitions;
  private Rng rng;
  private int state = -1;

  RandomMdpEnv(RandomMdpTask task) {
    this.task = task;
    this.transitions = task.transitionsRef();
  }

  @Override
  public int numActions() {
    return task.actions();
  }

  @Override
  public int observationSize() {
    return task.states();
  }

  @Override
  public int numStates() {
    return task.states();
  }

  @Override
  public void reset(Rng rng) {
    this.rng = rng;
    this.state = task.start();
  }

  @Override
  public boolean isRunning() {
    return state >= 0;
  }

  @Override
  public Step step(int action) {
    Env.checkAction(action, task.actions());
    if (state < 0) {
      throw new IllegalStateException("step() before reset()");
    }
    int n = task.states();
    double reward = task.meanReward(state, action) + task.noiseStd() * rng.nextGaussian();
    state = Categorical.sample(transitions, (state * task.actions() + action) * n, n, rng);
    return new Step(reward, false, false);
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
    for (int i = 0; i < task.states(); i++) {
      out[offset + i] = i == s ? 1f : 0f;
    }
  }
}
