package org.rl3spark.core.vamdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.rl3spark.core.testing.TestTasks.EAST;
import static org.rl3spark.core.testing.TestTasks.NOOP;
import static org.rl3spark.core.testing.TestTasks.SOUTH;
import static org.rl3spark.core.testing.TestTasks.WEST;

import org.junit.jupiter.api.Test;
import org.rl3spark.core.testing.TestTasks;

/**
 * RL³-coarse abstraction (reference §3.8) on 13x13 coordinates with radius 0.08: orthogonal
 * neighbours are 1/13 ≈ 0.0769 apart (inside), diagonal ones √2/13 ≈ 0.109 (outside).
 */
class StateClustererTest {

  private static final int SIDE = 13;
  private static final double RADIUS = 0.08;
  private static final double LAPLACE = 0.01;

  private static int t(int row, int col) {
    return TestTasks.tile(SIDE, row, col);
  }

  private static LearnedModel coarseModel() {
    return new LearnedModel(
        SIDE * SIDE,
        5,
        LAPLACE,
        true,
        new StateClusterer(RADIUS, 2, TestTasks.gridCoordinates(SIDE)));
  }

  /** Visits a tile on its own (a NOOP self-transition), assigning it an id if new. */
  private static void visit(LearnedModel m, int tile) {
    m.update(tile, NOOP, -1, tile, false);
  }

  @Test
  void walkingEastFormsPairsOfNeighboursInVisitOrder() {
    LearnedModel m = coarseModel();
    m.update(t(6, 6), EAST, -1, t(6, 7), false); // (6,6) new id 0; (6,7) joins it: full
    m.update(t(6, 7), EAST, -1, t(6, 8), false); // (6,8): neighbour (6,7) is full → new id 1
    m.update(t(6, 8), EAST, -1, t(6, 9), false); // (6,9) joins (6,8)
    m.update(t(6, 9), SOUTH, -1, t(7, 9), false); // (7,9): only neighbour (6,9) is full → id 2
    assertThat(m.idOf(t(6, 6))).isZero();
    assertThat(m.idOf(t(6, 7))).isZero();
    assertThat(m.idOf(t(6, 8))).isEqualTo(1);
    assertThat(m.idOf(t(6, 9))).isEqualTo(1);
    assertThat(m.idOf(t(7, 9))).isEqualTo(2);
    assertThat(m.numStates()).isEqualTo(3);
  }

  @Test
  void diagonalNeighboursNeverShareACluster() {
    LearnedModel m = coarseModel();
    visit(m, t(6, 6));
    visit(m, t(7, 7));
    visit(m, t(5, 5));
    assertThat(m.numStates()).isEqualTo(3);
    assertThat(m.idOf(t(7, 7))).isEqualTo(1);
    assertThat(m.idOf(t(5, 5))).isEqualTo(2);
  }

  @Test
  void aThirdNeighbourCannotJoinAFullClusterAndJoinsAnotherWithRoom() {
    LearnedModel m = coarseModel();
    visit(m, t(6, 6));
    visit(m, t(6, 7)); // joins (6,6): {(6,6), (6,7)} is full
    visit(m, t(5, 6)); // neighbour (6,6) full → new id 1
    visit(m, t(5, 7)); // neighbours (6,7) full and (5,6) with room → joins id 1
    visit(m, t(4, 7)); // neighbour (5,7) full → new id 2
    assertThat(m.idOf(t(6, 7))).isZero();
    assertThat(m.idOf(t(5, 6))).isEqualTo(1);
    assertThat(m.idOf(t(5, 7))).isEqualTo(1);
    assertThat(m.idOf(t(4, 7))).isEqualTo(2);
  }

  @Test
  void equidistantCandidatesGoToTheEarliestVisited() {
    // (5,6) and (6,5) are both exactly 1/13 from (6,6) (the same float difference, once in the row
    // and once in the column) and diagonal to each other, so they are separate singletons.
    LearnedModel northFirst = coarseModel();
    visit(northFirst, t(5, 6));
    visit(northFirst, t(6, 5));
    visit(northFirst, t(6, 6));
    assertThat(northFirst.idOf(t(6, 6))).isEqualTo(northFirst.idOf(t(5, 6))).isZero();

    LearnedModel westFirst = coarseModel();
    visit(westFirst, t(6, 5));
    visit(westFirst, t(5, 6));
    visit(westFirst, t(6, 6));
    assertThat(westFirst.idOf(t(6, 6))).isEqualTo(westFirst.idOf(t(6, 5))).isZero();
  }

  @Test
  void clustererCountsMembers() {
    StateClusterer c = new StateClusterer(RADIUS, 2, TestTasks.gridCoordinates(SIDE));
    LearnedModel m = new LearnedModel(SIDE * SIDE, 5, LAPLACE, true, c);
    visit(m, t(0, 0));
    visit(m, t(0, 1));
    visit(m, t(3, 3));
    assertThat(c.members(0)).isEqualTo(2);
    assertThat(c.members(1)).isEqualTo(1);
    assertThat(c.members(2)).isZero();
  }

  @Test
  void transitionsWithinAClusterBecomeSelfLoops() {
    LearnedModel m = coarseModel();
    visit(m, t(0, 0)); // id 0, far away; only there so that n = 2 below
    m.update(t(6, 6), EAST, -1.0, t(6, 7), false); // (6,6) id 1, (6,7) joins id 1
    m.update(t(6, 7), WEST, -2.0, t(6, 6), false);
    assertThat(m.numStates()).isEqualTo(2);
    int id = m.idOf(t(6, 6));
    assertThat(id).isEqualTo(1);
    // N(1,E) = 1 with its successor 1 itself: T(1,E,1) = (1 + λ)/(1 + 2λ), T(1,E,0) = λ/(1 + 2λ).
    assertThat(m.visits(id, EAST)).isEqualTo(1);
    assertThat(m.transitionProbability(id, EAST, id))
        .isCloseTo((1 + LAPLACE) / (1 + 2 * LAPLACE), within(1e-12));
    assertThat(m.transitionProbability(id, EAST, 0))
        .isCloseTo(LAPLACE / (1 + 2 * LAPLACE), within(1e-12));
    assertThat(m.expectedReward(id, EAST, id)).isEqualTo(-1.0);
    assertThat(m.expectedReward(id, WEST, id)).isEqualTo(-2.0);
  }

  @Test
  void aTerminalSuccessorMakesTheWholeAbstractStateAbsorbing() {
    LearnedModel m = coarseModel();
    m.update(t(6, 6), EAST, -1.0, t(6, 7), false); // {(6,6), (6,7)} = id 0
    m.update(t(6, 7), WEST, -1.0, t(6, 6), false);
    m.update(t(6, 8), WEST, 100.0, t(6, 7), true); // (6,8) id 1; entering (6,7) terminates
    assertThat(m.idOf(t(6, 8))).isEqualTo(1);
    assertThat(m.isAbsorbing(0)).isTrue();
    assertThat(m.isAbsorbing(1)).isFalse();
    // (6,6) itself never ended an episode, but its abstract state is absorbing: self-loop, R = 0.
    int id = m.idOf(t(6, 6));
    for (int a = 0; a < 5; a++) {
      assertThat(m.transitionProbability(id, a, id)).isEqualTo(1.0);
      assertThat(m.transitionProbability(id, a, 1)).isZero();
      assertThat(m.expectedReward(id, a, id)).isZero();
    }
    assertThat(m.expectedReward(1, WEST, 0)).isEqualTo(100.0);
  }
}
