package org.rl3spark.envs.grid;

import org.rl3spark.core.env.Env;
import org.rl3spark.core.env.Step;
import org.rl3spark.core.env.TabularEnv;
import org.rl3spark.core.model.SparseModel;
import org.rl3spark.core.model.TabularModel;
import org.rl3spark.core.random.Rng;

/**
 * Simulates a {@link GridTask} by sampling its exact model; terminates on entering a goal or danger
 * tile. The observation is (row/side, col/side) of the current tile, 1-based.
 */
final class GridEnv implements TabularEnv {

  private static final long serialVersionUID = 1L;

  private final GridTask task;
  private final SparseModel model;
  private final int start;
  private Rng rng;
  private int state = -1;
  private boolean running;

  GridEnv(GridTask task, SparseModel model) {
    this.task = task;
    this.model = model;
    this.start = task.startState();
  }

  @Override
  public int numActions() {
    return GridTask.ACTIONS;
  }

  @Override
  public int observationSize() {
    return 2;
  }

  @Override
  public int numStates() {
    return task.side() * task.side();
  }

  @Override
  public void reset(Rng rng) {
    this.rng = rng;
    this.state = start;
    this.running = true;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public Step step(int action) {
    Env.checkAction(action, GridTask.ACTIONS);
    if (!running) {
      throw new IllegalStateException(
          state < 0 ? "step() before reset()" : "step() after the episode terminated; reset");
    }
    int i = model.sampleSuccessorIndex(state, action, rng.nextDouble());
    double reward = model.successorReward(state, action, i);
    state = model.successor(state, action, i);
    boolean terminated = model.isAbsorbing(state);
    if (terminated) {
      running = false;
    }
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
    return model;
  }

  @Override
  public void encodeState(int s, float[] out, int offset) {
    float side = task.side();
    out[offset] = (s / task.side() + 1) / side;
    out[offset + 1] = (s % task.side() + 1) / side;
  }
}
