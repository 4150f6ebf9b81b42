package org.rl3spark.core.vamdp;

/** Which Q-estimates the VAMDP shows for the current state (reference §3.4 and §8 item 7). */
public enum QSource {
  /**
   * The paper's semantics: Q(s_t) from the value iteration run after the latest transition, for
   * whatever state the agent is in now (including the start state after an inner reset).
   */
  LATEST_VI,
  /**
   * The authors' code: Q(s) is stored only when s is the successor of a transition and shown
   * unchanged until s is next reached by a transition. Start-of-episode Q-values are stale, and on
   * bandits the Q/V inputs are always zero.
   */
  SUCCESSOR_CACHE
}
