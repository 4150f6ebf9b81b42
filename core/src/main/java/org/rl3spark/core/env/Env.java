package org.rl3spark.core.env;

import java.io.Serializable;
import org.rl3spark.core.random.Rng;

/**
 * A simulated environment with a finite action set {0, ..., numActions-1} and a fixed-size float
 * observation.
 *
 * <p>Lifecycle: {@link #reset(Rng)} starts an episode; {@link #step(int)} advances it until a step
 * returns {@code terminated} (or a wrapper truncates it); then the env must be reset again. Calling
 * {@code step} before the first reset or after a terminal step throws {@link
 * IllegalStateException}; an action outside {@code [0, numActions)} throws {@link
 * IllegalArgumentException}.
 *
 * <p>Randomness: the generator passed to {@code reset} is the only source of randomness of the
 * dynamics; the env keeps a reference to it and draws from it in {@code step} until the next reset.
 * Two envs of the same task reset with generators in the same state step in lockstep.
 *
 * <p>Observations are written, not returned, so that rollouts can fill preallocated buffers: {@link
 * #observe} writes {@link #observationSize()} floats describing the current state. Envs are
 * serialisable so that they can be shipped to executors; a deserialised copy behaves identically.
 */
public interface Env extends Serializable {

  /** Number of discrete actions; actions are 0-based. */
  int numActions();

  /** Number of floats written by {@link #observe}. */
  int observationSize();

  /**
   * Starts a new episode.
   *
   * @param rng the generator of the dynamics until the next reset (kept by reference)
   */
  void reset(Rng rng);

  /**
   * Applies {@code action} in the current state.
   *
   * @throws IllegalArgumentException if the action is outside {@code [0, numActions)}
   * @throws IllegalStateException if the env was not reset or the episode has terminated
   */
  Step step(int action);

  /** Whether {@link #step} may be called: reset was called and no terminal step since. */
  boolean isRunning();

  /** Writes the observation of the current state into {@code out[offset .. offset+size)}. */
  void observe(float[] out, int offset);

  /** Validates an action index; shared by implementations for a uniform message. */
  static void checkAction(int action, int numActions) {
    if (action < 0 || action >= numActions) {
      throw new IllegalArgumentException(
          "action " + action + " is outside the action set [0, " + numActions + ")");
    }
  }
}
