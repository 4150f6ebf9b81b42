package org.rl3spark.core.testing;

import org.rl3spark.core.model.SparseModel;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.task.Split;
import org.rl3spark.core.task.TaskId;

/** Small tabular tasks with hand-checkable dynamics, for tests of core and of its users. */
public final class TestTasks {

  /** Chain action: stay in place. */
  public static final int STAY = 0;

  /** Chain action: move one state to the right. */
  public static final int RIGHT = 1;

  /** Grid actions (reference §1.3.5, 0-based): noop, north, east, south, west. */
  public static final int NOOP = 0;

  /** Grid action north (row − 1). */
  public static final int NORTH = 1;

  /** Grid action east (col + 1). */
  public static final int EAST = 2;

  /** Grid action south (row + 1). */
  public static final int SOUTH = 3;

  /** Grid action west (col − 1). */
  public static final int WEST = 4;

  private static final int[] DROW = {0, -1, 0, 1, 0};
  private static final int[] DCOL = {0, 0, 1, 0, -1};

  private TestTasks() {}

  /** A task id of the test family. */
  public static TaskId id(String family, long index) {
    return new TaskId(family, "test", Split.TRAIN, index, 0L);
  }

  /** One-hot encodings of n states. */
  public static float[][] oneHot(int n) {
    float[][] enc = new float[n][n];
    for (int s = 0; s < n; s++) {
      enc[s][s] = 1f;
    }
    return enc;
  }

  /**
   * A deterministic chain 0 → 1 → ... → length−1 with two actions, starting in 0: {@link #STAY}
   * loops with {@code stayReward}; {@link #RIGHT} moves one state right with {@code stepReward}, or
   * {@code goalReward} when it enters the last state, which is absorbing. One-hot encoded.
   */
  public static ModelTask chain(
      int length, double stayReward, double stepReward, double goalReward, int taskHorizon) {
    int goal = length - 1;
    SparseModel.Builder b = new SparseModel.Builder(length, 2);
    for (int s = 0; s < goal; s++) {
      b.add(s, STAY, s, 1.0, stayReward);
      b.add(s, RIGHT, s + 1, 1.0, s + 1 == goal ? goalReward : stepReward);
    }
    b.absorbing(goal);
    return new ModelTask(id("chain", length), b.build(), 0, taskHorizon, oneHot(length));
  }

  /** The state index of grid tile (row, col), both 0-based. */
  public static int tile(int side, int row, int col) {
    return row * side + col;
  }

  /**
   * The coordinate encodings of a side×side grid, as in the reference ((row+1)/side, (col+1)/side)
   * in single precision.
   */
  public static float[][] gridCoordinates(int side) {
    float[][] enc = new float[side * side][2];
    for (int r = 0; r < side; r++) {
      for (int c = 0; c < side; c++) {
        enc[tile(side, r, c)][0] = (r + 1) / (float) side;
        enc[tile(side, r, c)][1] = (c + 1) / (float) side;
      }
    }
    return enc;
  }

  /**
   * A deterministic side×side grid with the five grid actions: moves off the grid stay in place;
   * entering any tile pays −1, except entering a goal tile, which pays {@code goalReward} and is
   * absorbing. Encoded by {@link #gridCoordinates}.
   *
   * @param start the start tile
   * @param goals the absorbing goal tiles
   */
  public static ModelTask grid(
      int side, int start, double goalReward, int taskHorizon, int... goals) {
    boolean[] goal = new boolean[side * side];
    for (int g : goals) {
      goal[g] = true;
    }
    SparseModel.Builder b = new SparseModel.Builder(side * side, 5);
    for (int r = 0; r < side; r++) {
      for (int c = 0; c < side; c++) {
        int s = tile(side, r, c);
        if (goal[s]) {
          continue;
        }
        for (int a = 0; a < 5; a++) {
          int nr = r + DROW[a];
          int nc = c + DCOL[a];
          int next = nr < 0 || nr >= side || nc < 0 || nc >= side ? s : tile(side, nr, nc);
          b.add(s, a, next, 1.0, goal[next] ? goalReward : -1.0);
        }
      }
    }
    for (int g : goals) {
      b.absorbing(g);
    }
    return new ModelTask(id("grid", side), b.build(), start, taskHorizon, gridCoordinates(side));
  }

  /**
   * A random MDP: every (s, a) row is a flat Dirichlet over all states, every transition has a N(0,
   * 1) reward; no absorbing states; start state 0; one-hot encoded.
   */
  public static ModelTask randomMdp(Rng rng, int states, int actions, int taskHorizon, long index) {
    SparseModel.Builder b = new SparseModel.Builder(states, actions);
    double[] row = new double[states];
    for (int s = 0; s < states; s++) {
      for (int a = 0; a < actions; a++) {
        rng.nextDirichlet(1.0, row, 0, states);
        for (int next = 0; next < states; next++) {
          b.add(s, a, next, row[next], rng.nextGaussian());
        }
      }
    }
    return new ModelTask(id("random-mdp", index), b.build(), 0, taskHorizon, oneHot(states));
  }
}
