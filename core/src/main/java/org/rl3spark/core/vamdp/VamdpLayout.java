package org.rl3spark.core.vamdp;

import java.io.Serializable;

/**
 * The layout of a VAMDP observation: the state encoding followed by the Q-estimate block for the
 * current state (reference §2.4). Offsets are 0-based.
 *
 * <pre>
 *   [0, m)              state encoding (one-hot or coordinates)
 *   [m, m+n)            advantages (Q(s,a) − V(s)) / qDenom
 *   m+n                 V(s) / qDenom
 *   [m+n+1, m+2n+1)     standard errors of Q / qDenom (zero: not estimated)
 *   m+2n+1              standard error of V / qDenom (zero)
 *   [m+2n+2, m+3n+2)    N(s, a) / countDenom
 * </pre>
 *
 * @param stateSize m, the length of the state encoding
 * @param numActions n
 */
public record VamdpLayout(int stateSize, int numActions) implements Serializable {

  /** Validates sizes. */
  public VamdpLayout {
    if (stateSize < 1 || numActions < 1) {
      throw new IllegalArgumentException(
          "layout needs stateSize >= 1 and numActions >= 1, got " + stateSize + ", " + numActions);
    }
  }

  /** Offset of the state encoding. */
  public int state() {
    return 0;
  }

  /** Offset of the n advantages. */
  public int advantages() {
    return stateSize;
  }

  /** Offset of the value. */
  public int value() {
    return stateSize + numActions;
  }

  /** Offset of the n standard errors of Q. */
  public int qStandardErrors() {
    return value() + 1;
  }

  /** Offset of the standard error of V. */
  public int vStandardError() {
    return qStandardErrors() + numActions;
  }

  /** Offset of the n action counts. */
  public int counts() {
    return vStandardError() + 1;
  }

  /** Total length m + 3n + 2. */
  public int size() {
    return counts() + numActions;
  }
}
