package org.rl3spark.learner.infer;

/**
 * A policy network stepped one observation at a time for a batch of sequences that advance in
 * lockstep (every env of a rollout batch is at the same meta step).
 */
public interface StepActor {

  /** Number of sequences in the batch. */
  int batchSize();

  /** Starts new sequences: the next {@link #step} is position 0 of every sequence. */
  void reset();

  /**
   * Feeds the observations of the current position and writes the logits.
   *
   * @param observations [batch][m], flattened row-major
   * @param logits output [batch][n], flattened row-major
   */
  void step(float[] observations, float[] logits);
}
