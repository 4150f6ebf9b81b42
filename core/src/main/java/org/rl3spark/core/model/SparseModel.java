package org.rl3spark.core.model;

import java.io.Serializable;
import java.util.Arrays;

/**
 * An immutable known model stored as, for each (s, a), the list of its successors with their
 * probabilities and rewards. Built with {@link Builder}, which merges repeated successors and
 * checks that every row is a probability distribution.
 */
public final class SparseModel implements TabularModel, Serializable {

  private static final long serialVersionUID = 1L;

  /** Tolerance on the sum of a row of probabilities. */
  public static final double ROW_SUM_TOLERANCE = 1e-9;

  private final int numStates;
  private final int numActions;
  private final boolean[] absorbing;

  /** rowStart[s·A + a] .. rowStart[s·A + a + 1] index the successors of (s, a). */
  private final int[] rowStart;

  private final int[] next;
  private final double[] prob;
  private final double[] reward;

  private SparseModel(Builder b) {
    this.numStates = b.numStates;
    this.numActions = b.numActions;
    this.absorbing = b.absorbing.clone();
    int rows = numStates * numActions;
    this.rowStart = new int[rows + 1];
    int nnz = 0;
    for (int r = 0; r < rows; r++) {
      rowStart[r] = nnz;
      nnz += b.rowLen[r];
    }
    rowStart[rows] = nnz;
    next = new int[nnz];
    prob = new double[nnz];
    reward = new double[nnz];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(b.rowNext[r], 0, next, rowStart[r], b.rowLen[r]);
      System.arraycopy(b.rowProb[r], 0, prob, rowStart[r], b.rowLen[r]);
      System.arraycopy(b.rowReward[r], 0, reward, rowStart[r], b.rowLen[r]);
    }
  }

  @Override
  public int numStates() {
    return numStates;
  }

  @Override
  public int numActions() {
    return numActions;
  }

  @Override
  public boolean isAbsorbing(int s) {
    return absorbing[s];
  }

  @Override
  public double transitionProbability(int s, int a, int to) {
    int r = s * numActions + a;
    for (int i = rowStart[r]; i < rowStart[r + 1]; i++) {
      if (next[i] == to) {
        return prob[i];
      }
    }
    return 0;
  }

  @Override
  public double expectedReward(int s, int a, int to) {
    int r = s * numActions + a;
    for (int i = rowStart[r]; i < rowStart[r + 1]; i++) {
      if (next[i] == to) {
        return reward[i];
      }
    }
    return 0;
  }

  @Override
  public double expectedReward(int s, int a) {
    int r = s * numActions + a;
    double acc = 0;
    for (int i = rowStart[r]; i < rowStart[r + 1]; i++) {
      acc += prob[i] * reward[i];
    }
    return acc;
  }

  @Override
  public void backup(double gamma, double[] v, double[] q) {
    int rows = numStates * numActions;
    for (int r = 0; r < rows; r++) {
      double acc = 0;
      for (int i = rowStart[r]; i < rowStart[r + 1]; i++) {
        acc += prob[i] * (reward[i] + gamma * v[next[i]]);
      }
      q[r] = acc;
    }
  }

  /** Number of successors of (s, a) with positive probability. */
  public int successorCount(int s, int a) {
    int r = s * numActions + a;
    return rowStart[r + 1] - rowStart[r];
  }

  /** The i-th successor of (s, a), for 0 ≤ i &lt; successorCount(s, a). */
  public int successor(int s, int a, int i) {
    return next[rowStart[s * numActions + a] + i];
  }

  /** Probability of the i-th successor of (s, a). */
  public double successorProbability(int s, int a, int i) {
    return prob[rowStart[s * numActions + a] + i];
  }

  /** Reward of the transition to the i-th successor of (s, a). */
  public double successorReward(int s, int a, int i) {
    return reward[rowStart[s * numActions + a] + i];
  }

  /**
   * Samples a successor index i of (s, a) (use {@link #successor} and {@link #successorReward}).
   */
  public int sampleSuccessorIndex(int s, int a, double u) {
    int r = s * numActions + a;
    int end = rowStart[r + 1];
    double c = 0;
    for (int i = rowStart[r]; i < end; i++) {
      c += prob[i];
      if (u < c) {
        return i - rowStart[r];
      }
    }
    return end - 1 - rowStart[r];
  }

  /** Accumulates transitions into an immutable {@link SparseModel}. */
  public static final class Builder {
    private final int numStates;
    private final int numActions;
    private final boolean[] absorbing;
    private final int[] rowLen;
    private final int[][] rowNext;
    private final double[][] rowProb;
    private final double[][] rowReward;

    /** A builder for a model with the given sizes and no transitions yet. */
    public Builder(int numStates, int numActions) {
      if (numStates < 1 || numActions < 1) {
        throw new IllegalArgumentException(
            "a model needs at least one state and one action, got "
                + numStates
                + " states and "
                + numActions
                + " actions");
      }
      this.numStates = numStates;
      this.numActions = numActions;
      int rows = numStates * numActions;
      absorbing = new boolean[numStates];
      rowLen = new int[rows];
      rowNext = new int[rows][];
      rowProb = new double[rows][];
      rowReward = new double[rows][];
    }

    /**
     * Marks {@code s} absorbing: every action loops to s with reward 0 (any transitions already
     * added for s are replaced).
     */
    public Builder absorbing(int s) {
      absorbing[s] = true;
      for (int a = 0; a < numActions; a++) {
        int r = s * numActions + a;
        rowLen[r] = 0;
      }
      for (int a = 0; a < numActions; a++) {
        add(s, a, s, 1.0, 0.0);
      }
      return this;
    }

    /**
     * Adds probability {@code p} of moving from s to {@code next} under a, with reward {@code r}.
     * Adding the same successor twice merges the probabilities; the rewards must then agree.
     */
    public Builder add(int s, int a, int next, double p, double r) {
      if (!(p >= 0) || !Double.isFinite(p)) {
        throw new IllegalArgumentException("transition probability must be finite and >= 0: " + p);
      }
      if (!Double.isFinite(r)) {
        throw new IllegalArgumentException("reward must be finite: " + r);
      }
      if (next < 0 || next >= numStates) {
        throw new IllegalArgumentException("successor " + next + " outside [0, " + numStates + ")");
      }
      if (p == 0) {
        return this;
      }
      int row = s * numActions + a;
      int len = rowLen[row];
      for (int i = 0; i < len; i++) {
        if (rowNext[row][i] == next) {
          if (rowReward[row][i] != r) {
            throw new IllegalArgumentException(
                "two different rewards for the same transition ("
                    + s
                    + ", "
                    + a
                    + ", "
                    + next
                    + "): "
                    + rowReward[row][i]
                    + " and "
                    + r);
          }
          rowProb[row][i] += p;
          return this;
        }
      }
      if (rowNext[row] == null) {
        rowNext[row] = new int[4];
        rowProb[row] = new double[4];
        rowReward[row] = new double[4];
      } else if (len == rowNext[row].length) {
        rowNext[row] = Arrays.copyOf(rowNext[row], 2 * len);
        rowProb[row] = Arrays.copyOf(rowProb[row], 2 * len);
        rowReward[row] = Arrays.copyOf(rowReward[row], 2 * len);
      }
      rowNext[row][len] = next;
      rowProb[row][len] = p;
      rowReward[row][len] = r;
      rowLen[row] = len + 1;
      return this;
    }

    /**
     * Builds the model.
     *
     * @throws IllegalArgumentException if some (s, a) row does not sum to 1
     */
    public SparseModel build() {
      for (int s = 0; s < numStates; s++) {
        for (int a = 0; a < numActions; a++) {
          int row = s * numActions + a;
          double sum = 0;
          for (int i = 0; i < rowLen[row]; i++) {
            sum += rowProb[row][i];
          }
          if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE) {
            throw new IllegalArgumentException(
                "transition probabilities of (s=" + s + ", a=" + a + ") sum to " + sum + ", not 1");
          }
        }
      }
      return new SparseModel(this);
    }
  }
}
