package org.rl3spark.envs.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rl3spark.envs.grid.GridTask.EAST;
import static org.rl3spark.envs.grid.GridTask.NOOP;
import static org.rl3spark.envs.grid.GridTask.NORTH;
import static org.rl3spark.envs.grid.GridTask.SOUTH;
import static org.rl3spark.envs.grid.GridTask.WEST;
import static org.rl3spark.envs.grid.HandGrids.grid;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rl3spark.core.env.Step;
import org.rl3spark.core.env.TabularEnv;
import org.rl3spark.core.model.TabularModel;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.task.Split;
import org.rl3spark.envs.testing.Stats;

/** Grid dynamics on hand-made grids (reference §1.3.4, §1.3.5, §1.3.6). */
class GridDynamicsTest {

  private static Rng rng(String name) {
    return new Rng(Stats.seedOf("grid-dynamics/" + name));
  }

  /** Asserts the model row of (s, a): exactly the given successors, probabilities and rewards. */
  private static void assertRow(GridTask g, int s, int a, double[][] expected) {
    TabularModel m = g.model();
    double total = 0;
    for (double[] e : expected) {
      int to = (int) e[0];
      assertThat(m.transitionProbability(s, a, to))
          .as("T((%s,%s), %s, (%s,%s))", g.rowOf(s), g.colOf(s), a, g.rowOf(to), g.colOf(to))
          .isCloseTo(e[1], org.assertj.core.data.Offset.offset(1e-12));
      assertThat(m.expectedReward(s, a, to))
          .as("R((%s,%s), %s, (%s,%s))", g.rowOf(s), g.colOf(s), a, g.rowOf(to), g.colOf(to))
          .isEqualTo(e[2]);
      total += e[1];
    }
    assertThat(total)
        .as("listed successors carry all the mass")
        .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
  }

  private static double[] to(GridTask g, int r, int c, double p, double reward) {
    return new double[] {g.stateOf(r, c), p, reward};
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 0.2})
  void noopStaysAndPaysTheCurrentTile(double slip) {
    GridTask g = grid(slip, "S.!..", "W....", ".....", ".....", "....G");
    assertRow(g, g.stateOf(1, 1), NOOP, new double[][] {to(g, 1, 1, 1.0, -1)});
    assertRow(g, g.stateOf(1, 2), NOOP, new double[][] {to(g, 1, 2, 1.0, -1)});
    assertRow(g, g.stateOf(1, 3), NOOP, new double[][] {to(g, 1, 3, 1.0, -10)});
    assertRow(g, g.stateOf(2, 1), NOOP, new double[][] {to(g, 2, 1, 1.0, -2)});
  }

  @Test
  void walkingOntoTilesPaysTheirEnterRewardAndNoopRepeatsIt() {
    GridTask g = grid(0.0, "S.!..", "W....", ".....", ".....", "....G");
    TabularEnv env = g.newEnv();
    env.reset(rng("walk"));
    assertStep(env.step(NOOP), -1, false);
    assertThat(env.state()).isEqualTo(g.stateOf(1, 1));
    assertStep(env.step(EAST), -1, false);
    assertStep(env.step(NOOP), -1, false);
    assertStep(env.step(EAST), -10, false);
    assertThat(env.state()).isEqualTo(g.stateOf(1, 3));
    assertStep(env.step(NOOP), -10, false);
    assertThat(env.state()).isEqualTo(g.stateOf(1, 3));
    env.reset(rng("walk-2"));
    assertStep(env.step(SOUTH), -2, false);
    assertThat(env.state()).isEqualTo(g.stateOf(2, 1));
    for (int i = 0; i < 20; i++) {
      assertStep(env.step(NOOP), -2, false);
      assertThat(env.state()).as("noop never slips, even on water").isEqualTo(g.stateOf(2, 1));
    }
  }

  private static void assertStep(Step s, double reward, boolean terminated) {
    assertThat(s.reward()).as("reward").isEqualTo(reward);
    assertThat(s.terminated()).as("terminated").isEqualTo(terminated);
    assertThat(s.truncated()).as("envs never truncate").isFalse();
  }

  @Test
  void movesSlipSidewaysEightyTenTenOnOrdinaryTiles() {
    GridTask g = grid(0.2, "G....", "...!.", "..S..", ".....", ".....");
    int s = g.stateOf(3, 3);
    assertRow(
        g,
        s,
        NORTH,
        new double[][] {to(g, 2, 3, 0.8, -1), to(g, 3, 2, 0.1, -1), to(g, 3, 4, 0.1, -1)});
    assertRow(
        g,
        s,
        EAST,
        new double[][] {to(g, 3, 4, 0.8, -1), to(g, 2, 3, 0.1, -1), to(g, 4, 3, 0.1, -1)});
    assertRow(
        g,
        s,
        SOUTH,
        new double[][] {to(g, 4, 3, 0.8, -1), to(g, 3, 2, 0.1, -1), to(g, 3, 4, 0.1, -1)});
    assertRow(
        g,
        s,
        WEST,
        new double[][] {to(g, 3, 2, 0.8, -1), to(g, 2, 3, 0.1, -1), to(g, 4, 3, 0.1, -1)});
    // Warnings use the default slip too; entering a warning pays -10.
    int w = g.stateOf(2, 4);
    assertRow(
        g,
        w,
        SOUTH,
        new double[][] {to(g, 3, 4, 0.8, -1), to(g, 2, 3, 0.1, -1), to(g, 2, 5, 0.1, -1)});
    assertRow(
        g,
        g.stateOf(3, 4),
        NORTH,
        new double[][] {to(g, 2, 4, 0.8, -10), to(g, 3, 3, 0.1, -1), to(g, 3, 5, 0.1, -1)});

    // The simulated env follows the same split.
    TabularEnv env = g.newEnv();
    Rng rng = rng("slip");
    long[] counts = new long[g.side() * g.side()];
    for (int i = 0; i < 20_000; i++) {
      env.reset(rng);
      assertThat(env.step(NORTH).reward()).isEqualTo(-1);
      counts[env.state()]++;
    }
    double[] p = new double[counts.length];
    p[g.stateOf(2, 3)] = 0.8;
    p[g.stateOf(3, 2)] = 0.1;
    p[g.stateOf(3, 4)] = 0.1;
    Stats.assertFits(counts, p, "successors of NORTH from the start with slip 0.2");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 0.2})
  void movesFromWaterGoFiftyFiftyToTheSides(double slip) {
    GridTask g = grid(slip, "G....", ".....", "..SW.", ".....", ".....");
    int w = g.stateOf(3, 4);
    assertRow(g, w, NORTH, new double[][] {to(g, 3, 3, 0.5, -1), to(g, 3, 5, 0.5, -1)});
    assertRow(g, w, SOUTH, new double[][] {to(g, 3, 3, 0.5, -1), to(g, 3, 5, 0.5, -1)});
    assertRow(g, w, EAST, new double[][] {to(g, 2, 4, 0.5, -1), to(g, 4, 4, 0.5, -1)});
    assertRow(g, w, WEST, new double[][] {to(g, 2, 4, 0.5, -1), to(g, 4, 4, 0.5, -1)});
    assertRow(g, w, NOOP, new double[][] {to(g, 3, 4, 1.0, -2)});
    if (slip == 0) {
      TabularEnv env = g.newEnv();
      Rng rng = rng("water");
      long[] counts = new long[g.side() * g.side()];
      for (int i = 0; i < 10_000; i++) {
        env.reset(rng);
        assertThat(env.step(EAST).reward()).as("entering water").isEqualTo(-2);
        env.step(NORTH);
        counts[env.state()]++;
      }
      double[] p = new double[counts.length];
      p[g.stateOf(3, 3)] = 0.5;
      p[g.stateOf(3, 5)] = 0.5;
      Stats.assertFits(counts, p, "successors of NORTH from water");
    }
  }

  @Test
  void bumpsIntoWallsAndObstaclesStayAndPayTheCurrentTile() {
    GridTask det = grid(0.0, "SO..!", ".....", "W....", ".....", "....G");
    TabularEnv env = det.newEnv();
    env.reset(rng("bump"));
    for (int a : new int[] {NORTH, WEST, EAST}) {
      assertStep(env.step(a), -1, false);
      assertThat(env.state()).as("bump with action %s stays", a).isEqualTo(det.stateOf(1, 1));
    }
    assertStep(env.step(SOUTH), -1, false);
    assertThat(env.state()).isEqualTo(det.stateOf(2, 1));

    GridTask g = grid(0.2, "SO..!", ".....", "W....", ".....", "....G");
    int s = g.stateOf(1, 1);
    assertRow(g, s, NORTH, new double[][] {to(g, 1, 1, 1.0, -1)});
    assertRow(g, s, EAST, new double[][] {to(g, 1, 1, 0.9, -1), to(g, 2, 1, 0.1, -1)});
    assertRow(g, s, SOUTH, new double[][] {to(g, 2, 1, 0.8, -1), to(g, 1, 1, 0.2, -1)});
    // On water a bump pays water's -2; on a warning it pays -10.
    assertRow(
        g, g.stateOf(3, 1), NORTH, new double[][] {to(g, 3, 1, 0.5, -2), to(g, 3, 2, 0.5, -1)});
    assertRow(
        g, g.stateOf(1, 5), NORTH, new double[][] {to(g, 1, 5, 0.9, -10), to(g, 1, 4, 0.1, -1)});
    // Obstacles are self-loops of reward 0 in the model (never entered).
    assertRow(g, g.stateOf(1, 2), EAST, new double[][] {to(g, 1, 2, 1.0, 0)});
    assertThat(g.model().isAbsorbing(g.stateOf(1, 2))).isFalse();
  }

  @Test
  void enteringTheGoalOrADangerPaysAndTerminates() {
    GridTask g = grid(0.0, ".....", ".....", ".XSG.", ".....", ".....");
    TabularEnv env = g.newEnv();
    env.reset(rng("terminal"));
    assertStep(env.step(EAST), 100, true);
    assertThat(env.state()).isEqualTo(g.stateOf(3, 4));
    assertThat(env.isRunning()).isFalse();
    env.reset(rng("terminal-2"));
    assertThat(env.state()).isEqualTo(g.stateOf(3, 3));
    assertStep(env.step(WEST), -100, true);
    assertThat(env.state()).isEqualTo(g.stateOf(3, 2));
    assertThat(env.isRunning()).isFalse();
    TabularModel m = g.model();
    for (int s : new int[] {g.stateOf(3, 4), g.stateOf(3, 2)}) {
      assertThat(m.isAbsorbing(s)).isTrue();
      for (int a = 0; a < GridTask.ACTIONS; a++) {
        assertRow(g, s, a, new double[][] {{s, 1.0, 0.0}});
      }
    }
    // With slip, a danger next to the path is entered sideways with probability 0.1.
    GridTask slippery = grid(0.2, ".....", "..X..", "..SG.", ".....", ".....");
    assertRow(
        slippery,
        slippery.stateOf(3, 3),
        EAST,
        new double[][] {
          to(slippery, 3, 4, 0.8, 100), to(slippery, 2, 3, 0.1, -100), to(slippery, 4, 3, 0.1, -1)
        });
  }

  @Test
  void statesAreEncodedAsOneBasedRowAndColumnOverSide() {
    GridTask g = grid(0.0, ".....", "..S..", ".....", ".....", "....G");
    TabularEnv env = g.newEnv();
    env.reset(rng("encoding"));
    float[] obs = new float[2];
    env.observe(obs, 0);
    assertThat(obs).containsExactly(2 / 5f, 3 / 5f);
    env.step(EAST);
    env.observe(obs, 0);
    assertThat(obs).containsExactly(2 / 5f, 4 / 5f);
    env.encodeState(g.stateOf(1, 1), obs, 0);
    assertThat(obs).containsExactly(1 / 5f, 1 / 5f);
    env.encodeState(g.stateOf(5, 5), obs, 0);
    assertThat(obs).containsExactly(1f, 1f);
    env.encodeState(g.stateOf(5, 1), obs, 0);
    assertThat(obs).as("row first, then column").containsExactly(1f, 1 / 5f);
    // The start of generated grids is the centre: (6/11, 6/11) and (7/13, 7/13).
    for (GridVariant v : new GridVariant[] {GridVariant.G11X11, GridVariant.G13X13}) {
      GridTask t = GridFamily.of(v).generate(Split.TRAIN, 0, 1L);
      TabularEnv e = t.newEnv();
      e.reset(rng("centre"));
      e.observe(obs, 0);
      float c = v.params().center() / (float) v.params().side();
      assertThat(obs).as(v.id()).containsExactly(c, c);
    }
  }

  @Test
  void renderShowsTheLayoutRowByRow() {
    GridTask g = grid(0.2, "S.O", "W!X", "..G");
    assertThat(g.render()).isEqualTo("S.O\nW!X\n..G\n");
    assertThat(g.render(g.stateOf(3, 1))).isEqualTo("S.O\nW!X\n@.G\n");
    assertThat(g.toString()).endsWith("S.O\nW!X\n..G\n").contains("side=3");
    assertThat(g.tile(2, 3)).isEqualTo(Tile.DANGER);
    assertThat(g.count(Tile.BLANK)).isEqualTo(3);
  }
}
