package org.rl3spark.core.vamdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.rl3spark.core.testing.TestTasks.EAST;
import static org.rl3spark.core.testing.TestTasks.WEST;

import org.junit.jupiter.api.Test;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.testing.TestConfigs;
import org.rl3spark.core.testing.TestTasks;

/**
 * RL³-coarse inside the VAMDP: Q per abstract state, counts per concrete state (reference §3.8).
 */
class VamdpCoarseTest {

  private static final int SIDE = 13;
  private static final int CENTRE = TestTasks.tile(SIDE, 6, 6);
  private static final int EAST_OF_CENTRE = TestTasks.tile(SIDE, 6, 7);

  private static void assertQBlockIsAbstractStateQ(Vamdp v, float[] o) {
    VamdpLayout l = v.layout();
    int id = v.model().idOf(v.state());
    double value = Double.NEGATIVE_INFINITY;
    for (int a = 0; a < 5; a++) {
      value = Math.max(value, v.solvedQ(id, a));
    }
    assertThat(o[l.value()]).isCloseTo((float) (value / 10), within(1e-6f));
    for (int a = 0; a < 5; a++) {
      assertThat(o[l.advantages() + a])
          .isCloseTo((float) ((v.solvedQ(id, a) - value) / 10), within(1e-6f));
    }
  }

  @Test
  void qIsSharedByTheClusterButCountsStayConcrete() {
    Vamdp v =
        new Vamdp(
            TestTasks.grid(SIDE, CENTRE, 100, 1000, TestTasks.tile(SIDE, 0, 0)).newEnv(),
            TestConfigs.coarse13(),
            1000);
    VamdpLayout l = v.layout();
    v.reset(new Rng(0L));
    v.step(EAST); // centre → east neighbour: the two form one abstract state
    v.step(WEST); // back
    v.step(EAST);
    assertThat(v.model().idOf(CENTRE)).isEqualTo(v.model().idOf(EAST_OF_CENTRE));
    assertThat(v.model().numStates()).isEqualTo(1);
    // Now on the east neighbour: its own counts (WEST once), not the cluster's.
    float[] o = VamdpObservationTest.observe(v);
    assertThat(o[0]).isEqualTo(7 / 13f);
    assertThat(o[1]).isEqualTo(8 / 13f);
    float[] expectedCounts = {0, 0, 0, 0, 0.1f};
    for (int a = 0; a < 5; a++) {
      assertThat(o[l.counts() + a]).isCloseTo(expectedCounts[a], within(1e-6f));
    }
    assertThat(v.count(CENTRE, EAST)).isEqualTo(2);
    assertQBlockIsAbstractStateQ(v, o);
    // With a single abstract state all moves are self-loops paying −1: Q(·, E) and Q(·, W) are
    // the learned −1 plus discounted value, non-zero.
    assertThat(v.solvedQ(0, EAST)).isLessThan(-0.5);
  }

  @Test
  void enteringAGoalNextToTheStartMakesTheStartClusterAbsorbing() {
    // Goal immediately east of the start: it joins the start's cluster when first seen, and the
    // terminal transition makes the whole abstract state absorbing: Q of the start becomes 0 even
    // though the agent just earned +100 from it.
    Vamdp v =
        new Vamdp(
            TestTasks.grid(SIDE, CENTRE, 100, 1000, EAST_OF_CENTRE).newEnv(),
            TestConfigs.coarse13(),
            1000);
    v.reset(new Rng(0L));
    assertThat(v.step(EAST).terminated()).isTrue();
    int id = v.model().idOf(CENTRE);
    assertThat(v.model().idOf(EAST_OF_CENTRE)).isEqualTo(id);
    assertThat(v.model().isAbsorbing(id)).isTrue();
    v.reset(new Rng(1L));
    float[] o = VamdpObservationTest.observe(v);
    VamdpLayout l = v.layout();
    for (int a = 0; a < 5; a++) {
      assertThat(o[l.advantages() + a]).isZero();
    }
    assertThat(o[l.value()]).isZero();
    assertThat(o[l.counts() + EAST]).isCloseTo(0.1f, within(1e-6f));
  }

  @Test
  void withoutAbstractionEveryTileIsItsOwnState() {
    Vamdp v =
        new Vamdp(
            TestTasks.grid(SIDE, CENTRE, 100, 1000, EAST_OF_CENTRE).newEnv(),
            TestConfigs.grids(),
            1000);
    v.reset(new Rng(0L));
    v.step(EAST);
    assertThat(v.model().numStates()).isEqualTo(2);
    assertThat(v.model().isAbsorbing(v.model().idOf(CENTRE))).isFalse();
    v.reset(new Rng(1L));
    // Q(centre, E) > 0: the +100 transition is learned and state 0 is not absorbing.
    assertThat(v.solvedQ(v.model().idOf(CENTRE), EAST)).isGreaterThan(1.0);
  }
}
