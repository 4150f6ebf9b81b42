package org.rl3spark.core.testing;

import org.rl3spark.core.env.Env;
import org.rl3spark.core.env.Step;
import org.rl3spark.core.env.TabularEnv;
import org.rl3spark.core.model.SparseModel;
import org.rl3spark.core.model.TabularModel;
import org.rl3spark.core.random.Rng;

/**
 * Simulates a {@link ModelTask}: one {@code nextDouble()} of the reset generator per step selects
 * the successor; the reward is the model's reward of that transition; entering an absorbing state
 * terminates the episode.
 */
public final class ModelEnv implements TabularEnv {

  private static final long serialVersionUID = 1L;

  private final ModelTask task;
  private Rng rng;
  private int state = -1;
  private boolean running;

  /** An env of {@code task}; reset it before use. */
  public ModelEnv(ModelTask task) {
    this.task = task;
  }

  @Override
  public int numActions() {
    return task.model().numActions();
  }

  @Override
  public int observationSize() {
    return task.encodingSize();
  }

  @Override
  public int numStates() {
    return task.model().numStates();
  }

  @Override
  public void reset(Rng rng) {
    this.rng = rng;
    this.state = task.startState();
    this.running = true;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public Step step(int action) {
    Env.checkAction(action, numActions());
    if (!running) {
      throw new IllegalStateException(state < 0 ? "step() before reset()" : "step() after end");
    }
    SparseModel m = task.model();
    int i = m.sampleSuccessorIndex(state, action, rng.nextDouble());
    double reward = m.successorReward(state, action, i);
    state = m.successor(state, action, i);
    boolean terminated = m.isAbsorbing(state);
    running = !terminated;
    return new Step(reward, terminated, false);
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
    task.encode(s, out, offset);
  }
}
