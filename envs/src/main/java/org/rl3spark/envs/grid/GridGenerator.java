package org.rl3spark.envs.grid;

import java.util.Arrays;
import org.rl3spark.core.model.ValueIteration;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.task.TaskId;

/**
 * The authors' grid generator (reference §1.3.2) and rejection rule (reference §1.3.3).
 *
 * <p>Draw order: obstacle segments, water segments (overwriting obstacles), the start at the
 * centre, the goal uniformly among tiles at Manhattan distance ≥ min from the centre (it may
 * overwrite obstacles or water), then dangers at interior blank tiles whose four neighbours are
 * blank or obstacles, each with its ring of four warnings (overwriting obstacles). A grid is kept
 * iff J, its optimal undiscounted 100-step return from the start, lies in [minReturn, maxReturn];
 * otherwise a whole new grid is drawn from the same continuing generator.
 */
public final class GridGenerator {

  /** Sweeps of the rejection rule's value iteration (its horizon). */
  public static final int REJECTION_HORIZON = 100;

  /** Stopping threshold of the rejection rule's value iteration. */
  public static final double REJECTION_EPSILON = 0.01;

  /** Draws of a danger position before the generator gives up on a layout. */
  static final int MAX_DANGER_DRAWS = 100_000;

  private final GridParams params;
  private final double minReturn;
  private final double maxReturn;
  private final int maxAttempts;

  /**
   * @param params the generator tuple
   * @param minReturn smallest accepted J (50 in the reference)
   * @param maxReturn largest accepted J (100)
   * @param maxAttempts grids drawn before giving up with an error
   */
  public GridGenerator(GridParams params, double minReturn, double maxReturn, int maxAttempts) {
    if (params == null) {
      throw new IllegalArgumentException("gridworld params must be set, got null");
    }
    if (!(minReturn <= maxReturn)) {
      throw new IllegalArgumentException(
          "min-return " + minReturn + " must not exceed max-return " + maxReturn);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("max-attempts must be >= 1, got " + maxAttempts);
    }
    this.params = params;
    this.minReturn = minReturn;
    this.maxReturn = maxReturn;
    this.maxAttempts = maxAttempts;
  }

  /**
   * Draws grids until one passes the rejection rule.
   *
   * @throws IllegalStateException if none passes within maxAttempts draws
   */
  public GridTask generate(TaskId id, Rng rng) {
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      char[] layout = drawLayout(rng);
      GridTask candidate = new GridTask(id, params.side(), new String(layout), params.slip(), 1, 0);
      double j = optimalReturn(candidate);
      if (accepts(j)) {
        return new GridTask(id, params.side(), candidate.layout(), params.slip(), attempt, j);
      }
    }
    throw new IllegalStateException(
        "no grid with "
            + minReturn
            + " <= J <= "
            + maxReturn
            + " in "
            + maxAttempts
            + " draws for "
            + params
            + ": the parameters make the rejection rule (almost) unsatisfiable");
  }

  /** Whether the rejection rule keeps a grid of optimal 100-step return {@code j}. */
  public boolean accepts(double j) {
    return j >= minReturn && j <= maxReturn;
  }

  /**
   * J: value iteration with γ = 1, at most 100 sweeps, stopping at max |ΔQ| &lt; 0.01, from zero;
   * the value of the start tile (reference §1.3.3).
   */
  public static double optimalReturn(GridTask grid) {
    var model = grid.model();
    double[] q = new double[model.numStates() * model.numActions()];
    double[] v = new double[model.numStates()];
    ValueIteration.sweep(model, 1.0, REJECTION_HORIZON, REJECTION_EPSILON, q, v);
    return v[grid.startState()];
  }

  /** One layout, without the rejection rule. */
  char[] drawLayout(Rng rng) {
    int side = params.side();
    int center = params.center();
    char[] g = new char[side * side];
    Arrays.fill(g, Tile.BLANK.symbol());
    for (int i = 0; i < params.obstacleSets(); i++) {
      drawSegment(g, rng, params.obstacleLength(), Tile.OBSTACLE);
    }
    for (int i = 0; i < params.waterSets(); i++) {
      drawSegment(g, rng, params.waterLength(), Tile.WATER);
    }
    set(g, center, center, Tile.START);
    drawGoal(g, rng);
    for (int placed = 0; placed < params.dangers(); placed++) {
      drawDanger(g, rng);
    }
    return g;
  }

  /** A straight segment from a random first tile towards the centre (reference §1.3.2, step 2). */
  private void drawSegment(char[] g, Rng rng, int length, Tile tile) {
    int side = params.side();
    boolean vertical = rng.nextBoolean();
    int a1 = rng.nextIntInclusive(1, side);
    int dir = towardsCenter(a1, rng);
    int a2 = a1 + dir * (length - 1);
    int lo = Math.min(a1, a2);
    int hi = Math.max(a1, a2);
    int other = rng.nextIntInclusive(1, side);
    for (int k = lo; k <= hi; k++) {
      if (vertical) {
        set(g, k, other, tile);
      } else {
        set(g, other, k, tile);
      }
    }
  }

  private int towardsCenter(int coordinate, Rng rng) {
    int center = params.center();
    if (coordinate == center) {
      return rng.nextBoolean() ? 1 : -1;
    }
    return coordinate > center ? -1 : 1;
  }

  /** The goal, uniform over tiles far enough from the centre, in column-major candidate order. */
  private void drawGoal(char[] g, Rng rng) {
    int side = params.side();
    int center = params.center();
    int count = 0;
    int[] candidates = new int[side * side];
    for (int c = 1; c <= side; c++) {
      for (int r = 1; r <= side; r++) {
        if (Math.abs(r - center) + Math.abs(c - center) >= params.minGoalManhattan()) {
          candidates[count++] = (r - 1) * side + (c - 1);
        }
      }
    }
    g[candidates[rng.nextInt(count)]] = Tile.GOAL.symbol();
  }

  /** One danger at an interior blank tile whose neighbours are blank or obstacles. */
  private void drawDanger(char[] g, Rng rng) {
    int side = params.side();
    for (int draw = 0; draw < MAX_DANGER_DRAWS; draw++) {
      int r = rng.nextIntInclusive(2, side - 1);
      int c = rng.nextIntInclusive(2, side - 1);
      if (at(g, r, c) != Tile.BLANK.symbol()
          || !ringFree(at(g, r - 1, c))
          || !ringFree(at(g, r + 1, c))
          || !ringFree(at(g, r, c - 1))
          || !ringFree(at(g, r, c + 1))) {
        continue;
      }
      set(g, r, c, Tile.DANGER);
      set(g, r - 1, c, Tile.WARNING);
      set(g, r + 1, c, Tile.WARNING);
      set(g, r, c - 1, Tile.WARNING);
      set(g, r, c + 1, Tile.WARNING);
      return;
    }
    throw new IllegalStateException(
        "could not place a danger in "
            + MAX_DANGER_DRAWS
            + " draws (no interior blank tile with a free ring) for "
            + params);
  }

  private static boolean ringFree(char c) {
    return c == Tile.BLANK.symbol() || c == Tile.OBSTACLE.symbol();
  }

  private char at(char[] g, int r, int c) {
    return g[(r - 1) * params.side() + (c - 1)];
  }

  private void set(char[] g, int r, int c, Tile t) {
    g[(r - 1) * params.side() + (c - 1)] = t.symbol();
  }
}
