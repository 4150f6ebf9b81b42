package org.rl3spark.core.testing;

import org.rl3spark.core.env.TabularEnv;
import org.rl3spark.core.model.SparseModel;
import org.rl3spark.core.task.Task;
import org.rl3spark.core.task.TaskId;

/**
 * A test task given by an explicit {@link SparseModel}: episodes start in {@code startState}, each
 * step samples the successor (and its fixed reward) from the model, and entering an absorbing state
 * terminates the episode. States are encoded by {@code encodings[s]} (one-hot or coordinates).
 *
 * @param id identity (only used in messages)
 * @param model the exact model the env simulates
 * @param startState the state every episode starts in
 * @param taskHorizon TH
 * @param encodings the encoding of every state, all of one length
 */
public record ModelTask(
    TaskId id, SparseModel model, int startState, int taskHorizon, float[][] encodings)
    implements Task {

  private static final long serialVersionUID = 1L;

  /** Validates sizes and deep-copies the encodings. */
  public ModelTask {
    if (encodings.length != model.numStates()) {
      throw new IllegalArgumentException(
          encodings.length + " encodings for " + model.numStates() + " states");
    }
    if (startState < 0 || startState >= model.numStates()) {
      throw new IllegalArgumentException("start state " + startState + " out of range");
    }
    if (taskHorizon < 1) {
      throw new IllegalArgumentException("task horizon must be >= 1, got " + taskHorizon);
    }
    float[][] copy = new float[encodings.length][];
    for (int s = 0; s < encodings.length; s++) {
      if (encodings[s].length != encodings[0].length) {
        throw new IllegalArgumentException("encodings of different lengths");
      }
      copy[s] = encodings[s].clone();
    }
    encodings = copy;
  }

  /** Length of a state encoding. */
  public int encodingSize() {
    return encodings[0].length;
  }

  /** Writes the encoding of {@code s}. */
  public void encode(int s, float[] out, int offset) {
    System.arraycopy(encodings[s], 0, out, offset, encodings[s].length);
  }

  @Override
  public TabularEnv newEnv() {
    return new ModelEnv(this);
  }
}
