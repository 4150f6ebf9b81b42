package org.rl3spark.core.env;

/**
 * The outcome of one {@link Env#step}.
 *
 * @param reward the reward of the transition, as observed (including any observation noise)
 * @param terminated the env reached an absorbing state: the episode ended by the task's own
 *     dynamics, and no value is bootstrapped past it
 * @param truncated the episode was cut by a time limit or budget, not by the dynamics; the state
 *     reached is not absorbing. Envs themselves never truncate; wrappers that impose limits do.
 */
public record Step(double reward, boolean terminated, boolean truncated) {

  /** Whether the episode is over for either reason. */
  public boolean done() {
    return terminated || truncated;
  }
}
