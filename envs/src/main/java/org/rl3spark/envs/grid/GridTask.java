package org.rl3spark.envs.grid;

import org.rl3spark.core.env.TabularEnv;
import org.rl3spark.core.model.SparseModel;
import org.rl3spark.core.task.Task;
import org.rl3spark.core.task.TaskId;

/**
 * One GridWorld: a square layout of {@link Tile}s with one start tile, and the slip probability of
 * ordinary tiles.
 *
 * <p>States are tiles, numbered s = (r − 1)·side + (c − 1) for 1-based row r (1 = top) and column
 * c; a state is encoded as (r/side, c/side) (reference §1.3.6). Actions: 0 = noop, 1 = north, 2 =
 * east, 3 = south, 4 = west. Dynamics (reference §1.3.5): noop stays; a move from tile s goes to
 * the intended neighbour with probability 1 − p and to each perpendicular neighbour with p/2, where
 * p is {@code slip} on start, blank and warning tiles, 1 on water and 0 elsewhere; mass aimed
 * outside the grid or at an obstacle stays at s. The reward is the enter-reward of the tile reached
 * (staying pays the current tile's), and goal and danger tiles are absorbing. There is no episode
 * length: an episode ends at a goal or danger, or with the meta-episode.
 *
 * @param id where the task comes from
 * @param side side length
 * @param layout the tiles' symbols row by row, side·side characters
 * @param slip slip probability of start, blank and warning tiles
 * @param attempts how many grids the generator drew to get this one (rejection rule), ≥ 1
 * @param optimalReturn100 J: the optimal expected undiscounted 100-step return from the start
 */
public record GridTask(
    TaskId id, int side, String layout, double slip, int attempts, double optimalReturn100)
    implements Task {

  private static final long serialVersionUID = 1L;

  /** Action indices. */
  public static final int NOOP = 0;

  /** Move north (row − 1). */
  public static final int NORTH = 1;

  /** Move east (column + 1). */
  public static final int EAST = 2;

  /** Move south (row + 1). */
  public static final int SOUTH = 3;

  /** Move west (column − 1). */
  public static final int WEST = 4;

  /** Number of actions. */
  public static final int ACTIONS = 5;

  private static final int[] DROW = {0, -1, 0, 1, 0};
  private static final int[] DCOL = {0, 0, 1, 0, -1};

  /** Perpendicular directions of each action (reference §1.3.5: left = [-, W, N, E, S]). */
  private static final int[] LEFT = {NOOP, WEST, NORTH, EAST, SOUTH};

  /** Reference §1.3.5: right = [-, E, S, W, N]. */
  private static final int[] RIGHT = {NOOP, EAST, SOUTH, WEST, NORTH};

  /** Validates the layout: size, characters, exactly one start tile, slip and attempts. */
  public GridTask {
    if (side < 3) {
      throw new IllegalArgumentException("grid side must be >= 3, got " + side);
    }
    if (layout == null || layout.length() != side * side) {
      throw new IllegalArgumentException("layout must have side·side = " + side * side + " tiles");
    }
    int starts = 0;
    for (int i = 0; i < layout.length(); i++) {
      if (Tile.of(layout.charAt(i)) == Tile.START) {
        starts++;
      }
    }
    if (starts != 1) {
      throw new IllegalArgumentException("a grid needs exactly one start tile, found " + starts);
    }
    if (!(slip >= 0 && slip <= 1)) {
      throw new IllegalArgumentException("slip must be in [0, 1], got " + slip);
    }
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be >= 1, got " + attempts);
    }
  }

  /** A grid from rows of symbols (tests and hand-made grids); attempts 1, J computed. */
  public static GridTask of(TaskId id, double slip, String... rows) {
    StringBuilder b = new StringBuilder();
    for (String row : rows) {
      if (row.length() != rows.length) {
        throw new IllegalArgumentException("grid rows must all have length " + rows.length);
      }
      b.append(row);
    }
    GridTask t = new GridTask(id, rows.length, b.toString(), slip, 1, 0);
    return new GridTask(id, rows.length, t.layout, slip, 1, GridGenerator.optimalReturn(t));
  }

  /** The tile at 1-based (row, column). */
  public Tile tile(int row, int col) {
    return Tile.of(layout.charAt((row - 1) * side + (col - 1)));
  }

  /** The tile of state s. */
  public Tile tileOf(int s) {
    return Tile.of(layout.charAt(s));
  }

  /** The state of 1-based (row, column). */
  public int stateOf(int row, int col) {
    return (row - 1) * side + (col - 1);
  }

  /** 1-based row of state s. */
  public int rowOf(int s) {
    return s / side + 1;
  }

  /** 1-based column of state s. */
  public int colOf(int s) {
    return s % side + 1;
  }

  /** Number of tiles of a kind. */
  public int count(Tile t) {
    int n = 0;
    for (int i = 0; i < layout.length(); i++) {
      if (layout.charAt(i) == t.symbol()) {
        n++;
      }
    }
    return n;
  }

  /** The slip probability when moving from a tile. */
  public double slipOn(Tile t) {
    return switch (t) {
      case START, BLANK, WARNING -> slip;
      case WATER -> 1.0;
      case GOAL, OBSTACLE, DANGER -> 0.0;
    };
  }

  @Override
  public int startState() {
    return layout.indexOf(Tile.START.symbol());
  }

  @Override
  public int taskHorizon() {
    return Integer.MAX_VALUE;
  }

  @Override
  public TabularEnv newEnv() {
    return new GridEnv(this, model());
  }

  @Override
  public SparseModel model() {
    int n = side * side;
    SparseModel.Builder b = new SparseModel.Builder(n, ACTIONS);
    for (int s = 0; s < n; s++) {
      Tile here = tileOf(s);
      if (here.isAbsorbing()) {
        b.absorbing(s);
        continue;
      }
      if (here == Tile.OBSTACLE) {
        for (int a = 0; a < ACTIONS; a++) {
          b.add(s, a, s, 1.0, Tile.OBSTACLE.enterReward());
        }
        continue;
      }
      b.add(s, NOOP, s, 1.0, here.enterReward());
      double p = slipOn(here);
      for (int a = 1; a < ACTIONS; a++) {
        addMove(b, s, a, a, 1 - p);
        addMove(b, s, a, LEFT[a], p / 2);
        addMove(b, s, a, RIGHT[a], p / 2);
      }
    }
    return b.build();
  }

  /** Adds mass {@code p} of action {@code a} from s moving in direction {@code dir}. */
  private void addMove(SparseModel.Builder b, int s, int a, int dir, double p) {
    if (p == 0) {
      return;
    }
    int r = rowOf(s) + DROW[dir];
    int c = colOf(s) + DCOL[dir];
    int target = s;
    if (r >= 1 && r <= side && c >= 1 && c <= side && tile(r, c) != Tile.OBSTACLE) {
      target = stateOf(r, c);
    }
    b.add(s, a, target, p, tileOf(target).enterReward());
  }

  /** The layout as text, one row per line; blanks shown as '.'. */
  public String render() {
    return render(-1);
  }

  /**
   * The layout as text with the agent's tile shown as '@'. Legend: S start, G goal, O obstacle, W
   * water, ! warning, X danger, . blank.
   */
  public String render(int agent) {
    StringBuilder b = new StringBuilder();
    for (int r = 0; r < side; r++) {
      for (int c = 0; c < side; c++) {
        int s = r * side + c;
        char ch = layout.charAt(s);
        b.append(s == agent ? '@' : ch == ' ' ? '.' : ch);
      }
      b.append('\n');
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return "GridTask[" + id + ", side=" + side + ", J=" + optimalReturn100 + "]\n" + render();
  }
}
