package org.rl3spark.learner.net;

import java.util.Arrays;

/**
 * A float array in C order with its shape: a network's input or labels without ND4J types, built by
 * the PPO code and handed to the DL4J networks as is.
 *
 * @param data the values, {@code Π shape} of them, last dimension fastest
 * @param shape the dimensions, e.g. [k, m, T] for k sequences of T positions of m features (DL4J's
 *     NCW), or [B, m] for B rows
 */
public record ShapedArray(float[] data, long... shape) {

  /** Checks that the data has as many values as the shape says. */
  public ShapedArray {
    long size = 1;
    for (long d : shape) {
      size *= d;
    }
    if (size != data.length) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " needs " + size + " values, got " + data.length);
    }
  }
}
