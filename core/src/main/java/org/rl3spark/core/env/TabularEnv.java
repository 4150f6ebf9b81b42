package org.rl3spark.core.env;

import org.rl3spark.core.model.TabularModel;

/**
 * An env whose states are enumerable as {0, ..., numStates-1} and whose exact model is known.
 *
 * <p>The observation of a tabular env is the encoding of its current state ({@link #encodeState}):
 * a one-hot vector for bandits and random MDPs, normalised coordinates for grids. Wrappers such as
 * the VAMDP read the concrete state with {@link #state()}.
 */
public interface TabularEnv extends Env {

  /** Number of states. */
  int numStates();

  /**
   * The current state.
   *
   * @throws IllegalStateException before the first reset
   */
  int state();

  /** The exact model of the task this env simulates (transition probabilities, mean rewards). */
  TabularModel model();

  /** Writes the encoding of state {@code s} ({@link #observationSize()} floats). */
  void encodeState(int s, float[] out, int offset);

  @Override
  default void observe(float[] out, int offset) {
    encodeState(state(), out, offset);
  }
}
