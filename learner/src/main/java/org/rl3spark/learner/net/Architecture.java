package org.rl3spark.learner.net;

/** The actor/critic architectures. */
public enum Architecture {
  /**
   * Input MLP (m→256 relu→d relu), layer norm, learned positions, causal post-norm decoder blocks
   * (attention, FF with tanh-GELU), relu, linear head (reference §4.1). RL² and RL³.
   */
  TRANSFORMER,
  /**
   * An MLP on the current observation only (m→256 relu→256 relu→head; reference §4.3). RL³-Markov.
   */
  MARKOV,
  /** Dense(m→64 relu) → LSTM(256) → head: the recurrent RL² of the original paper. */
  LSTM
}
