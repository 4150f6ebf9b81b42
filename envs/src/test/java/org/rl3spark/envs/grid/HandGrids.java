package org.rl3spark.envs.grid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rl3spark.core.task.Split;
import org.rl3spark.core.task.TaskId;

/** Hand-made grids for tests: rows written with '.' for blank tiles. */
final class HandGrids {

  static final TaskId ID = new TaskId(GridFamily.NAME, "hand", Split.TEST, 0, 0);

  private HandGrids() {}

  /** A grid from rows of symbols, '.' meaning blank. */
  static GridTask grid(double slip, String... rows) {
    String[] r = Arrays.stream(rows).map(s -> s.replace('.', ' ')).toArray(String[]::new);
    return GridTask.of(ID, slip, r);
  }

  /**
   * A deterministic corridor: the given tiles (first 'S', last 'G') laid along a snake through the
   * smallest square grid that holds them (odd rows run alternately east and west, joined at the
   * ends through the even rows); every other tile is an obstacle, so the only route from S to G
   * visits the tiles in order.
   */
  static GridTask corridor(String tiles) {
    int side = 3;
    while (snake(side).size() < tiles.length()) {
      side++;
    }
    char[][] g = new char[side][side];
    for (char[] row : g) {
      Arrays.fill(row, 'O');
    }
    List<int[]> path = snake(side);
    for (int i = 0; i < tiles.length(); i++) {
      int[] p = path.get(i);
      g[p[0]][p[1]] = tiles.charAt(i) == '.' ? ' ' : tiles.charAt(i);
    }
    String[] rows = new String[side];
    for (int r = 0; r < side; r++) {
      rows[r] = new String(g[r]);
    }
    return GridTask.of(ID, 0.0, rows);
  }

  /** The snake's cells, 0-based (row, col), in path order. */
  private static List<int[]> snake(int side) {
    List<int[]> cells = new ArrayList<>();
    for (int r = 0; r < side; r += 2) {
      boolean east = (r / 2) % 2 == 0;
      for (int k = 0; k < side; k++) {
        cells.add(new int[] {r, east ? k : side - 1 - k});
      }
      if (r + 2 < side) {
        cells.add(new int[] {r + 1, east ? side - 1 : 0});
      }
    }
    return cells;
  }
}
