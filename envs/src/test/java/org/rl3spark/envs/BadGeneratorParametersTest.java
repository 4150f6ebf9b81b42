package org.rl3spark.envs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rl3spark.core.meta.InnerEnvFactory;
import org.rl3spark.core.meta.MetaEnv;
import org.rl3spark.core.task.Split;
import org.rl3spark.core.task.TaskId;
import org.rl3spark.envs.bandit.BanditFamily;
import org.rl3spark.envs.bandit.BanditTask;
import org.rl3spark.envs.grid.GridFamily;
import org.rl3spark.envs.grid.GridGenerator;
import org.rl3spark.envs.grid.GridParams;
import org.rl3spark.envs.grid.GridTask;
import org.rl3spark.envs.grid.GridVariant;
import org.rl3spark.envs.mdp.RandomMdpFamily;
import org.rl3spark.envs.mdp.RandomMdpTask;

/**
 * Bad generator parameters fail when the family is built, with a message that names the problem
 * (docs/reliability.md R12), never later during a rollout.
 */
class BadGeneratorParametersTest {

  private static final TaskId ID = new TaskId("test", "bad", Split.TEST, 0, 0);

  /** A case: what is wrong, the construction, and fragments the message must contain. */
  private static Arguments bad(String what, Runnable build, String... fragments) {
    return Arguments.of(what, build, fragments);
  }

  static Stream<Arguments> badParameters() {
    return Stream.of(
        bad("0 arms", () -> new BanditFamily(0), "at least 1 arm", "arms=0"),
        bad("negative arms", () -> new BanditFamily(-3), "arms=-3"),
        bad("bandit task without arms", () -> new BanditTask(ID, new double[0]), "at least 1 arm"),
        bad("NaN arm", () -> new BanditTask(ID, new double[] {0.5, Double.NaN}), "arm 1", "NaN"),
        bad("alpha 0", () -> mdp(10, 5, 0.0, 0.25, 10), "alpha", "> 0", "got 0.0"),
        bad("negative alpha", () -> mdp(10, 5, -1.0, 0.25, 10), "alpha", "got -1.0"),
        bad("NaN alpha", () -> mdp(10, 5, Double.NaN, 0.25, 10), "alpha", "NaN"),
        bad("infinite alpha", () -> mdp(10, 5, Double.POSITIVE_INFINITY, 0.25, 10), "alpha"),
        bad("OOD alpha 0", () -> mdp(10, 5, 1.0, 0.0, 10), "ood-alpha", "got 0.0"),
        bad("0 states", () -> mdp(0, 5, 1.0, 0.25, 10), "states must be >= 1, got 0"),
        bad("negative actions", () -> mdp(10, -2, 1.0, 0.25, 10), "actions must be >= 1, got -2"),
        bad("0 episode length", () -> mdp(10, 5, 1.0, 0.25, 0), "episode-length", "got 0"),
        bad(
            "negative noise",
            () -> new RandomMdpFamily(10, 5, 1, 0.25, 1, 1, -1, 10),
            "noise-std",
            "got -1.0"),
        bad(
            "all MDP problems at once",
            () -> mdp(0, 0, 0.0, -1.0, 0),
            "states",
            "actions",
            "alpha",
            "ood-alpha",
            "episode-length"),
        bad(
            "MDP row not summing to 1",
            () ->
                new RandomMdpTask(
                    ID, 2, 1, new double[] {0.5, 0.4, 0.0, 1.0}, new double[2], 1, 10, 0),
            "row 0",
            "sums to 0.9"),
        bad(
            "MDP start outside",
            () -> new RandomMdpTask(ID, 1, 1, new double[] {1}, new double[1], 1, 10, 3),
            "start state 3"),
        bad("1x1 grid", () -> gridParams(1, 0, 1, 0, 1, 0, 1, 0.2), "side must be >= 3, got 1"),
        bad(
            "negative side",
            () -> gridParams(-5, 0, 1, 0, 1, 0, 1, 0.2),
            "side must be >= 3, got -5"),
        bad(
            "negative obstacle sets",
            () -> gridParams(11, -1, 3, 5, 2, 2, 8, 0.2),
            "obstacle-sets must be >= 0, got -1"),
        bad(
            "negative water sets",
            () -> gridParams(11, 11, 3, -5, 2, 2, 8, 0.2),
            "water-sets must be >= 0, got -5"),
        bad(
            "obstacle segment longer than fits",
            () -> gridParams(5, 3, 4, 0, 1, 0, 2, 0.2),
            "obstacle-length must be in [1, 3]",
            "got 4"),
        bad(
            "obstacle segment longer than fits (even side: from the centre row it grows 5 up)",
            () -> gridParams(10, 3, 6, 0, 1, 0, 2, 0.2),
            "obstacle-length must be in [1, 5]",
            "got 6"),
        bad(
            "water segment longer than fits",
            () -> gridParams(11, 11, 3, 5, 7, 2, 8, 0.2),
            "water-length must be in [1, 6]",
            "got 7"),
        bad(
            "zero-length obstacle segment",
            () -> gridParams(11, 11, 0, 5, 2, 2, 8, 0.2),
            "obstacle-length",
            "got 0"),
        bad(
            "unreachable goal distance",
            () -> gridParams(11, 11, 3, 5, 2, 2, 11, 0.2),
            "min-goal-manhattan must be in [1, 10]",
            "got 11"),
        bad(
            "unreachable goal distance (13x13)",
            () -> gridParams(13, 11, 3, 5, 2, 2, 13, 0.2),
            "min-goal-manhattan must be in [1, 12]"),
        bad(
            "unreachable goal distance (even side)",
            () -> gridParams(10, 0, 1, 0, 1, 0, 11, 0.2),
            "min-goal-manhattan must be in [1, 10]",
            "got 11"),
        bad(
            "goal at the start",
            () -> gridParams(11, 11, 3, 5, 2, 2, 0, 0.2),
            "min-goal-manhattan",
            "got 0"),
        bad(
            "too many dangers",
            () -> gridParams(5, 0, 1, 0, 1, 2, 2, 0.2),
            "dangers must be in [0, 1]",
            "got 2"),
        bad("negative dangers", () -> gridParams(11, 11, 3, 5, 2, -1, 8, 0.2), "dangers", "got -1"),
        bad(
            "slip above 1",
            () -> gridParams(11, 11, 3, 5, 2, 2, 8, 1.5),
            "slip must be in [0, 1], got 1.5"),
        bad(
            "negative slip",
            () -> gridParams(11, 11, 3, 5, 2, 2, 8, -0.1),
            "slip must be in [0, 1]"),
        bad("NaN slip", () -> gridParams(11, 11, 3, 5, 2, 2, 8, Double.NaN), "slip", "NaN"),
        bad(
            "several grid problems at once",
            () -> gridParams(11, -1, 3, 5, 2, 2, 99, 2.0),
            "obstacle-sets",
            "min-goal-manhattan",
            "slip"),
        bad(
            "grid family without a variant name",
            () -> new GridFamily(" ", GridVariant.G11X11.params(), false, 50, 100, 10, 0.1),
            "variant"),
        bad(
            "grid family without parameters",
            () -> new GridFamily("x", null, false, 50, 100, 10, 0.1),
            "params"),
        bad(
            "min-return above max-return",
            () -> new GridFamily("x", GridVariant.G11X11.params(), false, 60, 50, 10, 0.1),
            "min-return 60.0 must not exceed max-return 50.0"),
        bad(
            "NaN min-return",
            () -> new GridGenerator(GridVariant.G11X11.params(), Double.NaN, 100, 10),
            "min-return"),
        bad(
            "0 max-attempts",
            () -> new GridFamily("x", GridVariant.G11X11.params(), false, 50, 100, 0, 0.1),
            "max-attempts must be >= 1, got 0"),
        bad(
            "0 coarse radius",
            () -> new GridFamily("x", GridVariant.G11X11.params(), false, 50, 100, 10, 0),
            "coarse radius"),
        bad(
            "unknown variant",
            () -> GridVariant.parse("12x12"),
            "unknown gridworld variant '12x12'",
            "13x13_dense"),
        bad(
            "grid with two starts",
            () -> new GridTask(ID, 3, "S  S     ", 0.2, 1, 0),
            "exactly one start",
            "found 2"),
        bad("grid with an unknown tile", () -> new GridTask(ID, 3, "S   ?    ", 0.2, 1, 0), "'?'"),
        bad(
            "grid of the wrong size",
            () -> new GridTask(ID, 3, "S       ", 0.2, 1, 0),
            "side·side = 9"),
        bad("ragged grid rows", () -> GridTask.of(ID, 0.2, "S  ", "   ", "  "), "length 3"),
        bad(
            "meta-episode budget 0",
            () -> new MetaEnv(InnerEnvFactory.rl2(), 0, null, 5, 2),
            "budget H must be >= 1, got 0"));
  }

  private static RandomMdpFamily mdp(
      int states, int actions, double alpha, double oodAlpha, int th) {
    return new RandomMdpFamily(states, actions, alpha, oodAlpha, 1.0, 1.0, 1.0, th);
  }

  private static GridParams gridParams(
      int side, int os, int ol, int ws, int wl, int dangers, int minGoal, double slip) {
    return new GridParams(side, os, ol, ws, wl, dangers, minGoal, slip);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badParameters")
  void isRejectedAtConstructionWithAMessageNamingTheProblem(
      String what, Runnable build, String[] fragments) {
    assertThatThrownBy(build::run)
        .as(what)
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(e.getMessage()).as(what).contains(fragments));
  }

  @Test
  void boundaryParametersAreAcceptedAndGenerate() {
    // The largest segment and the farthest goal that fit, on odd and even sides.
    for (GridParams p :
        new GridParams[] {
          gridParams(11, 11, 6, 5, 6, 2, 10, 0.0),
          gridParams(10, 6, 5, 3, 5, 0, 10, 1.0),
          gridParams(10, 6, 5, 3, 5, 3, 9, 0.2),
          gridParams(5, 0, 1, 0, 1, 1, 4, 0.2),
          gridParams(3, 0, 2, 0, 2, 0, 1, 0.0)
        }) {
      GridFamily f = new GridFamily("edge", p, false, -1e9, 1e9, 10, 0.1);
      for (int i = 0; i < 30; i++) {
        GridTask t = f.generate(Split.TRAIN, i, 1L);
        int goal = t.layout().indexOf('G');
        int c = p.center();
        assertThat(Math.abs(t.rowOf(goal) - c) + Math.abs(t.colOf(goal) - c))
            .as("goal distance for %s", p)
            .isGreaterThanOrEqualTo(p.minGoalManhattan());
        assertThat(t.count(org.rl3spark.envs.grid.Tile.DANGER)).isEqualTo(p.dangers());
      }
    }
    assertThatCode(() -> new BanditFamily(1)).doesNotThrowAnyException();
    assertThatCode(() -> mdp(1, 1, 1e-3, 1e3, 1)).doesNotThrowAnyException();
  }

  @Test
  void oodSplitOfAnInDistributionGridIsRejected() {
    GridFamily canonical = GridFamily.of(GridVariant.G11X11);
    assertThat(canonical.supports(Split.OOD)).isFalse();
    assertThatThrownBy(() -> canonical.generate(Split.OOD, 0, 1L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("11x11")
        .hasMessageContaining("in-distribution")
        .hasMessageContaining("ood");
    for (GridVariant v : GridVariant.values()) {
      GridFamily f = GridFamily.of(v);
      assertThat(f.supports(Split.TRAIN)).isTrue();
      assertThat(f.supports(Split.OOD)).as(v.id()).isEqualTo(v.isOutOfDistribution());
    }
    assertThat(GridFamily.of("13x13_dense").generate(Split.OOD, 0, 1L).id().split())
        .isEqualTo(Split.OOD);
  }

  @Test
  void aLayoutWhereNoDangerFitsFailsLoudlyInsteadOfHanging() {
    // 5x5: dangers can only sit at (2,2), (2,4), (4,2) or (4,4) (not next to the start); with the
    // whole grid flooded none has a free ring of blank or obstacle tiles.
    GridParams flooded = gridParams(5, 0, 1, 60, 3, 1, 1, 0.2);
    GridFamily f = new GridFamily("flooded", flooded, false, -1e9, 1e9, 5, 0.1);
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(60),
        () ->
            assertThatThrownBy(() -> f.generate(Split.TRAIN, 0, 1L))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("could not place a danger"));
  }
}
