package org.rl3spark.envs.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rl3spark.envs.grid.HandGrids.corridor;
import static org.rl3spark.envs.grid.HandGrids.grid;

import java.time.Duration;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rl3spark.core.task.Split;

/**
 * The rejection rule (reference §1.3.3) on grids whose J is known by hand.
 *
 * <p>On a deterministic corridor the optimal 100-step return is the goal's +100 plus the
 * enter-reward of every tile walked through (−1 blank, −10 warning), as long as the goal is at most
 * 100 moves away; otherwise standing still costs −1 per step, J = −100. J can never exceed 100: the
 * only positive reward is the goal's, and it ends the episode; so J = 100 exactly when the goal is
 * one sure step from the start, and the upper bound of the rule is exercised with a generator whose
 * bound is lower.
 */
class GridRejectionRuleTest {

  private static final GridGenerator REFERENCE =
      new GridGenerator(
          GridVariant.G11X11.params(), GridFamily.MIN_RETURN, GridFamily.MAX_RETURN, 1);

  private static String repeat(char c, int n) {
    return String.valueOf(c).repeat(n);
  }

  @ParameterizedTest(name = "{0}: J = {3}")
  @CsvSource({
    "goal next to the start,                   0, 0, 100, true",
    "one blank between,                        0, 1, 99, true",
    "four warnings and nine blanks,            4, 9, 51, true",
    "five warnings: exactly 50,                5, 0, 50, true",
    "fifty blanks: exactly 50,                 0, 50, 50, true",
    "five warnings and a blank,                5, 1, 49, false",
    "fifty-one blanks,                         0, 51, 49, false",
    "goal beyond 100 moves,                    0, 150, -100, false",
  })
  void corridorReturnsAreTheHandValues(
      String name, int warnings, int blanks, double j, boolean accepted) {
    GridTask g = corridor("S" + repeat('!', warnings) + repeat('.', blanks) + "G");
    assertThat(g.optimalReturn100()).as(name + "\n" + g.render()).isEqualTo(j);
    assertThat(GridGenerator.optimalReturn(g)).isEqualTo(j);
    assertThat(REFERENCE.accepts(g.optimalReturn100())).as(name).isEqualTo(accepted);
  }

  @Test
  void anUnreachableGoalGivesMinusOneHundred() {
    GridTask walledIn = grid(0.2, "...O.", "..O..", ".OSO.", "..O..", "G...X");
    // The start cannot move: 100 steps of -1.
    assertThat(walledIn.optimalReturn100()).isEqualTo(-100.0);
    assertThat(REFERENCE.accepts(walledIn.optimalReturn100())).isFalse();
    // A reachable danger does not help: entering it costs -100 at once, as much as waiting.
    GridTask dangerOnly = grid(0.0, "G.O..", "OOO..", "..SX.", ".....", ".....");
    assertThat(dangerOnly.optimalReturn100()).isEqualTo(-100.0);
  }

  @Test
  void aSlipperyCorridorConvergesToTheInfiniteHorizonValue() {
    // Moving east from S succeeds with 0.8; both sideways slips bump and stay at -1:
    // v = 0.8*100 + 0.2*(-1 + v), so v = 99.75; value iteration stops within its 0.01 threshold.
    GridTask g = grid(0.2, "SGO", "OOO", "OOO");
    assertThat(g.optimalReturn100()).isCloseTo(99.75, Offset.offset(0.01)).isLessThan(100.0);
    assertThat(REFERENCE.accepts(g.optimalReturn100())).isTrue();
  }

  @Test
  void theBoundsAreInclusive() {
    assertThat(REFERENCE.accepts(50.0)).isTrue();
    assertThat(REFERENCE.accepts(100.0)).isTrue();
    assertThat(REFERENCE.accepts(Math.nextDown(50.0))).isFalse();
    assertThat(REFERENCE.accepts(Math.nextUp(100.0))).isFalse();
    assertThat(REFERENCE.accepts(Double.NaN)).isFalse();
    GridFamily f = GridFamily.of(GridVariant.G13X13);
    assertThat(f.minReturn()).isEqualTo(50.0);
    assertThat(f.maxReturn()).isEqualTo(100.0);
  }

  @Test
  void tighterBoundsRejectOnBothSides() {
    GridParams p = GridVariant.G11X11.params();
    GridGenerator below100 = new GridGenerator(p, 50, 99.5, 1);
    assertThat(below100.accepts(corridor("SG").optimalReturn100())).as("J = 100").isFalse();
    assertThat(below100.accepts(corridor("S.G").optimalReturn100())).as("J = 99").isTrue();
    GridGenerator above50 = new GridGenerator(p, 50.5, 100, 1);
    assertThat(above50.accepts(corridor("S!!!!!G").optimalReturn100())).as("J = 50").isFalse();
    assertThat(above50.accepts(corridor("S!!!!" + repeat('.', 9) + "G").optimalReturn100()))
        .as("J = 51")
        .isTrue();
  }

  @Test
  void aRuleThatCanNeverAcceptFailsAfterMaxAttempts() {
    // The goal is at least 8 moves from the start, so J <= 93 < 99.5 on every draw.
    GridFamily strict =
        new GridFamily("13x13-strict", GridVariant.G13X13.params(), false, 99.5, 100, 200, 0.08);
    Assertions.assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () ->
            assertThatThrownBy(() -> strict.generate(Split.TRAIN, 0, 1L))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("200 draws")
                .hasMessageContaining("99.5")
                .hasMessageContaining("unsatisfiable"));
  }
}
