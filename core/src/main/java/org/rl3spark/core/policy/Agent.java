package org.rl3spark.core.policy;

/**
 * The per-meta-episode state of a policy: created by {@link Policy#start} for one task and
 * discarded afterwards, so nothing learned about one task can leak into the next.
 */
public interface Agent {

  /** Chooses the action for the current step. */
  int act(Observation observation);

  /**
   * Learns from the transition just made.
   *
   * @param state the state the action was taken in
   * @param action the action
   * @param reward the observed reward
   * @param nextState the successor, or -1 if the transition ended the inner episode (the agent then
   *     sees the next episode's start state in its next observation)
   * @param terminated the transition entered an absorbing state (as opposed to a time limit)
   */
  default void learn(int state, int action, double reward, int nextState, boolean terminated) {}
}
