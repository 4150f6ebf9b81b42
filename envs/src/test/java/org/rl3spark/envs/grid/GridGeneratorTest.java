package org.rl3spark.envs.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.task.Split;
import org.rl3spark.envs.TaskStatistics;
import org.rl3spark.envs.testing.Stats;

/** The grid generator (reference §1.3.1, §1.3.2) and its rejection loop (reference §1.3.3). */
class GridGeneratorTest {

  private static final long MASTER = 5L;
  private static final int GRIDS_PER_VARIANT = 60;

  private static List<GridTask> grids(GridVariant v, Split split, int count) {
    GridFamily f = GridFamily.of(v);
    List<GridTask> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(f.generate(split, i, MASTER));
    }
    return out;
  }

  @Test
  void variantsHaveTheReferenceTuples() {
    assertThat(GridVariant.G11X11.params()).isEqualTo(new GridParams(11, 11, 3, 5, 2, 2, 8, 0.2));
    assertThat(GridVariant.G13X13_WATERY.params().waterSets()).isEqualTo(8);
    assertThat(GridVariant.G13X13_DANGEROUS.params().dangers()).isEqualTo(4);
    assertThat(GridVariant.G13X13_DENSE.params().obstacleLength()).isEqualTo(4);
    assertThat(GridVariant.G13X13_CORNER.params().minGoalManhattan()).isEqualTo(12);
    assertThat(GridVariant.G13X13_DETERMINISTIC.params().slip()).isZero();
    assertThat(GridVariant.G11X11.params().center()).isEqualTo(6);
    assertThat(GridVariant.G13X13.params().center()).isEqualTo(7);
    assertThat(GridVariant.parse("13X13_Dense ")).isEqualTo(GridVariant.G13X13_DENSE);
    assertThat(GridVariant.G11X11.coarseRadius()).isEqualTo(0.1);
    assertThat(GridVariant.G13X13_CORNER.coarseRadius()).isEqualTo(0.08);
  }

  @ParameterizedTest
  @EnumSource(GridVariant.class)
  void generatedGridsFollowTheConstruction(GridVariant v) {
    List<GridTask> all = new ArrayList<>(grids(v, Split.TRAIN, GRIDS_PER_VARIANT));
    if (v.isOutOfDistribution()) {
      all.addAll(grids(v, Split.OOD, GRIDS_PER_VARIANT / 3));
    }
    for (GridTask g : all) {
      assertConstruction(v.params(), g);
    }
  }

  @Test
  void theCornerVariantPutsTheGoalInACorner() {
    Set<Integer> seen = new java.util.HashSet<>();
    for (GridTask g : grids(GridVariant.G13X13_CORNER, Split.OOD, GRIDS_PER_VARIANT)) {
      int goal = g.layout().indexOf('G');
      assertThat(List.of(g.stateOf(1, 1), g.stateOf(1, 13), g.stateOf(13, 1), g.stateOf(13, 13)))
          .as("goal of\n%s", g.render())
          .contains(goal);
      seen.add(goal);
    }
    assertThat(seen).as("all four corners occur").hasSize(4);
  }

  /** Checks one grid against reference §1.3.2, with messages that show the grid. */
  static void assertConstruction(GridParams p, GridTask g) {
    String grid = "\n" + g.render();
    int side = p.side();
    int c = p.center();
    assertThat(g.side()).isEqualTo(side);
    assertThat(g.count(Tile.START)).as("one start" + grid).isEqualTo(1);
    assertThat(g.tile(c, c)).as("start at the centre" + grid).isEqualTo(Tile.START);
    assertThat(g.count(Tile.GOAL)).as("one goal" + grid).isEqualTo(1);
    int goal = g.layout().indexOf('G');
    int goalDistance = Math.abs(g.rowOf(goal) - c) + Math.abs(g.colOf(goal) - c);
    assertThat(goalDistance)
        .as("goal distance" + grid)
        .isGreaterThanOrEqualTo(p.minGoalManhattan());
    assertThat(g.count(Tile.DANGER)).as("dangers" + grid).isEqualTo(p.dangers());
    assertThat(g.count(Tile.WARNING))
        .as("warnings: 4 per danger, rings disjoint" + grid)
        .isEqualTo(4 * p.dangers());
    for (int r = 1; r <= side; r++) {
      for (int col = 1; col <= side; col++) {
        Tile t = g.tile(r, col);
        String at = " at (" + r + "," + col + ")" + grid;
        if (t == Tile.DANGER) {
          assertThat(r).as("danger row not on the border" + at).isBetween(2, side - 1);
          assertThat(col).as("danger column not on the border" + at).isBetween(2, side - 1);
          for (int[] d : new int[][] {{-1, 0}, {1, 0}, {0, -1}, {0, 1}}) {
            assertThat(g.tile(r + d[0], col + d[1]))
                .as("ring of the danger" + at)
                .isEqualTo(Tile.WARNING);
          }
        }
        if (t == Tile.WARNING) {
          int adjacentDangers = 0;
          for (int[] d : new int[][] {{-1, 0}, {1, 0}, {0, -1}, {0, 1}}) {
            int rr = r + d[0];
            int cc = col + d[1];
            if (rr >= 1 && rr <= side && cc >= 1 && cc <= side && g.tile(rr, cc) == Tile.DANGER) {
              adjacentDangers++;
            }
          }
          assertThat(adjacentDangers).as("a warning borders exactly one danger" + at).isEqualTo(1);
        }
        if (t == Tile.OBSTACLE) {
          // Obstacles may later be overwritten by water, the start, the goal or warnings.
          assertThat(inSegment(g, r, col, p.obstacleLength(), "OWSG!"))
              .as("obstacle inside a straight segment of length " + p.obstacleLength() + at)
              .isTrue();
        }
        if (t == Tile.WATER) {
          assertThat(inSegment(g, r, col, p.waterLength(), "WSG"))
              .as("water inside a straight segment of length " + p.waterLength() + at)
              .isTrue();
        }
      }
    }
    assertThat(g.optimalReturn100()).as("J accepted" + grid).isBetween(50.0, 100.0);
    assertThat(GridGenerator.optimalReturn(g)).as("J recomputed").isEqualTo(g.optimalReturn100());
    assertThat(g.attempts()).isPositive();
    assertThat(g.slip()).isEqualTo(p.slip());
    Map<String, Double> stats = TaskStatistics.of(g);
    assertThat(stats.get(TaskStatistics.OPTIMAL_RETURN_100)).isEqualTo(g.optimalReturn100());
    assertThat(stats.get(TaskStatistics.ATTEMPTS)).isEqualTo(g.attempts());
    assertThat(stats.get(TaskStatistics.DANGER_COUNT)).isEqualTo(p.dangers());
    assertThat(stats.get(TaskStatistics.OBSTACLE_FRACTION))
        .isEqualTo(g.count(Tile.OBSTACLE) / (double) (side * side));
    assertThat(stats.get(TaskStatistics.WET_FRACTION))
        .isEqualTo(g.count(Tile.WATER) / (double) (side * side));
  }

  /**
   * Whether (r, c) lies in some in-grid straight window of {@code len} tiles, all in {@code
   * allowed}.
   */
  private static boolean inSegment(GridTask g, int r, int c, int len, String allowed) {
    int side = g.side();
    for (boolean vertical : new boolean[] {true, false}) {
      for (int lo = (vertical ? r : c) - len + 1; lo <= (vertical ? r : c); lo++) {
        if (lo < 1 || lo + len - 1 > side) {
          continue;
        }
        boolean ok = true;
        for (int k = lo; k < lo + len && ok; k++) {
          Tile t = vertical ? g.tile(k, c) : g.tile(r, k);
          ok = allowed.indexOf(t.symbol()) >= 0;
        }
        if (ok) {
          return true;
        }
      }
    }
    return false;
  }

  static List<GridParams> coverageParams() {
    return List.of(
        new GridParams(11, 11, 3, 5, 2, 0, 8, 0.2),
        new GridParams(13, 11, 4, 8, 2, 0, 12, 0.2),
        // An even side: segments drawn at the centre row may grow either way and must fit.
        new GridParams(10, 6, 5, 3, 2, 0, 6, 0.2));
  }

  /**
   * Per-tile frequencies of obstacle and water tiles over unconditioned layouts match the segment
   * rule of reference §1.3.2, computed independently here: a segment starts at a uniform
   * coordinate, grows towards the centre (either way from the centre itself), and lies in a uniform
   * row or column; water overwrites obstacles, the start and the goal overwrite both.
   */
  @ParameterizedTest
  @MethodSource("coverageParams")
  void obstacleAndWaterTilesAppearWhereAndAsOftenAsSegmentsPutThem(GridParams p) {
    int side = p.side();
    int layouts = 3000;
    GridGenerator gen = new GridGenerator(p, 50, 100, 1);
    Rng rng = new Rng(Stats.seedOf("coverage/" + p));
    long[] obstacle = new long[side * side];
    long[] water = new long[side * side];
    for (int i = 0; i < layouts; i++) {
      char[] g = gen.drawLayout(rng);
      for (int s = 0; s < g.length; s++) {
        obstacle[s] += g[s] == 'O' ? 1 : 0;
        water[s] += g[s] == 'W' ? 1 : 0;
      }
    }
    int candidates = 0;
    for (int r = 1; r <= side; r++) {
      for (int c = 1; c <= side; c++) {
        candidates += distance(p, r, c) >= p.minGoalManhattan() ? 1 : 0;
      }
    }
    for (int r = 1; r <= side; r++) {
      for (int c = 1; c <= side; c++) {
        int s = (r - 1) * side + c - 1;
        double notGoal = distance(p, r, c) >= p.minGoalManhattan() ? 1 - 1.0 / candidates : 1;
        double notStart = r == p.center() && c == p.center() ? 0 : 1;
        double wet = covered(p, r, c, p.waterLength(), p.waterSets());
        double dry = 1 - wet;
        double pObstacle =
            covered(p, r, c, p.obstacleLength(), p.obstacleSets()) * dry * notGoal * notStart;
        double pWater = wet * notGoal * notStart;
        assertFrequency(obstacle[s], layouts, pObstacle, "obstacle at (" + r + "," + c + ") " + p);
        assertFrequency(water[s], layouts, pWater, "water at (" + r + "," + c + ") " + p);
      }
    }
  }

  private static int distance(GridParams p, int r, int c) {
    return Math.abs(r - p.center()) + Math.abs(c - p.center());
  }

  private static void assertFrequency(long count, int n, double q, String what) {
    if (q == 0) {
      assertThat(count).as(what + ": impossible").isZero();
    } else {
      Stats.assertWithinSigmas((double) count / n, q, Math.sqrt(q * (1 - q) / n), what);
    }
  }

  /** Probability that at least one of {@code sets} segments of length {@code len} covers (r, c). */
  private static double covered(GridParams p, int r, int c, int len, int sets) {
    int n = p.side();
    double one = 0.5 / n * windowContains(p, r, len) + 0.5 / n * windowContains(p, c, len);
    return 1 - Math.pow(1 - one, sets);
  }

  /** Probability that the segment's span along its axis contains coordinate x. */
  private static double windowContains(GridParams p, int x, int len) {
    int n = p.side();
    int center = p.center();
    double sum = 0;
    for (int start = 1; start <= n; start++) {
      boolean up = x >= start && x <= start + len - 1;
      boolean down = x <= start && x >= start - len + 1;
      if (start < center) {
        sum += up ? 1 : 0;
      } else if (start > center) {
        sum += down ? 1 : 0;
      } else {
        sum += 0.5 * (up ? 1 : 0) + 0.5 * (down ? 1 : 0);
      }
    }
    return sum / n;
  }

  @Test
  void obstacleAndWaterFractionsArePlausibleAndFollowTheVariants() {
    Map<GridVariant, double[]> means = new java.util.EnumMap<>(GridVariant.class);
    for (GridVariant v :
        List.of(
            GridVariant.G11X11,
            GridVariant.G13X13,
            GridVariant.G13X13_DENSE,
            GridVariant.G13X13_WATERY)) {
      double obstacles = 0;
      double wet = 0;
      List<GridTask> gs = grids(v, Split.TRAIN, GRIDS_PER_VARIANT);
      for (GridTask g : gs) {
        obstacles += TaskStatistics.of(g).get(TaskStatistics.OBSTACLE_FRACTION);
        wet += TaskStatistics.of(g).get(TaskStatistics.WET_FRACTION);
      }
      obstacles /= gs.size();
      wet /= gs.size();
      GridParams p = v.params();
      double tiles = p.side() * p.side();
      // Overlaps, overwrites and the rejection rule only remove tiles: the segments' total length
      // is an upper bound, and on these sparse grids most of it survives.
      double maxObstacles = p.obstacleSets() * p.obstacleLength() / tiles;
      double maxWet = p.waterSets() * p.waterLength() / tiles;
      assertThat(obstacles)
          .as(v + " obstacle fraction")
          .isBetween(0.6 * maxObstacles, maxObstacles);
      assertThat(wet).as(v + " water fraction").isBetween(0.75 * maxWet, maxWet);
      means.put(v, new double[] {obstacles, wet});
    }
    assertThat(means.get(GridVariant.G13X13_DENSE)[0])
        .as("dense has more obstacles")
        .isGreaterThan(1.15 * means.get(GridVariant.G13X13)[0]);
    assertThat(means.get(GridVariant.G13X13_WATERY)[1])
        .as("watery has more water")
        .isGreaterThan(1.3 * means.get(GridVariant.G13X13)[1]);
    assertThat(means.get(GridVariant.G11X11)[0])
        .as("11x11 is denser than 13x13 (same segments)")
        .isGreaterThan(means.get(GridVariant.G13X13)[0]);
  }

  @Test
  void rejectedGridsAreRedrawnFromTheContinuingGenerator() {
    GridFamily f = GridFamily.of(GridVariant.G11X11);
    GridParams p = f.params();
    GridGenerator gen = new GridGenerator(p, GridFamily.MIN_RETURN, GridFamily.MAX_RETURN, 100);
    int replayed = 0;
    for (int i = 0; i < 100; i++) {
      GridTask task = f.generate(Split.TRAIN, i, MASTER);
      Rng rng = f.taskRng(Split.TRAIN, i, MASTER);
      for (int attempt = 1; attempt <= task.attempts(); attempt++) {
        String layout = new String(gen.drawLayout(rng));
        GridTask candidate = new GridTask(task.id(), p.side(), layout, p.slip(), 1, 0);
        double j = GridGenerator.optimalReturn(candidate);
        if (attempt < task.attempts()) {
          assertThat(gen.accepts(j))
              .as("draw %s of task %s was rejected (J=%s)", attempt, i, j)
              .isFalse();
        } else {
          assertThat(layout)
              .as("task %s is its accepted draw %s", i, attempt)
              .isEqualTo(task.layout());
          assertThat(j).isEqualTo(task.optimalReturn100());
        }
      }
      replayed += task.attempts() > 1 ? 1 : 0;
    }
    assertThat(replayed).as("tasks that needed more than one draw").isPositive();
  }
}
