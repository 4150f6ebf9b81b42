package org.rl3spark.core.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.rl3spark.core.testing.TestTasks.RIGHT;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.testing.BernoulliBanditTask;
import org.rl3spark.core.testing.ModelTask;
import org.rl3spark.core.testing.TestConfigs;
import org.rl3spark.core.testing.TestTasks;
import org.rl3spark.core.vamdp.Vamdp;
import org.rl3spark.core.vamdp.VamdpLayout;

/**
 * Object-level memory: it persists across the inner episodes of one task and is gone when the next
 * task starts (a leak across tasks is the classic RL² implementation bug).
 */
class MetaEnvMemoryTest {

  private static float[] observe(MetaEnv m) {
    float[] o = new float[m.observationSize()];
    m.observe(o, 0);
    return o;
  }

  private static VamdpLayout vamdpLayout(MetaEnv m) {
    return ((Vamdp) m.inner()).layout();
  }

  private static float startCount(MetaEnv m, float[] o, int action) {
    return o[m.layout().inner() + vamdpLayout(m).counts() + action];
  }

  @Test
  void countsAndModelPersistAcrossInnerEpisodesOfOneTask() {
    // Chain 0 → 1 → 2 (goal), always RIGHT: an inner episode every 2 steps.
    ModelTask task = TestTasks.chain(3, 0, -1, 10, 100);
    MetaEnv m = new MetaEnv(InnerEnvFactory.rl3(TestConfigs.grids()), 10, null, 2, 3 + 8);
    m.reset(task, new Rng(0L));
    Vamdp inner = (Vamdp) m.inner();
    for (int episode = 1; episode <= 5; episode++) {
      m.step(RIGHT);
      m.step(RIGHT);
      assertThat(m.inner()).as("same VAMDP across inner episodes").isSameAs(inner);
      float[] o = observe(m);
      // Back at the start state: N(0, RIGHT) counts every episode so far.
      assertThat(startCount(m, o, RIGHT)).isCloseTo(episode / 10f, within(1e-6f));
      assertThat(inner.count(0, RIGHT)).isEqualTo(episode);
      assertThat(inner.model().visits(inner.model().idOf(1), RIGHT)).isEqualTo(episode);
    }
    assertThat(inner.model().numStates()).isEqualTo(3);
  }

  @Test
  void nextTaskStartsWithFreshMemoryEvenWhenItIsTheSameTask() {
    ModelTask task = TestTasks.chain(3, 0, -1, 10, 100);
    MetaEnv m = new MetaEnv(InnerEnvFactory.rl3(TestConfigs.grids()), 10, null, 2, 3 + 8);
    m.reset(task, new Rng(0L));
    float[] first = observe(m);
    Vamdp previous = (Vamdp) m.inner();
    for (int t = 0; t < 10; t++) {
      m.step(RIGHT);
    }
    float[] end = observe(m);
    assertThat(startCount(m, end, RIGHT)).isCloseTo(0.5f, within(1e-6f));
    assertThat(end[m.layout().inner() + vamdpLayout(m).value()]).isNotZero();

    m.reset(task, new Rng(0L));
    Vamdp fresh = (Vamdp) m.inner();
    assertThat(fresh).isNotSameAs(previous);
    assertThat(fresh.model().numStates()).isZero();
    assertThat(fresh.count(0, RIGHT)).isZero();
    assertThat(observe(m)).containsExactly(first);
    // Exactly the same trajectory as the first meta-episode.
    m.step(RIGHT);
    m.step(RIGHT);
    assertThat(startCount(m, observe(m), RIGHT)).isCloseTo(0.1f, within(1e-6f));
  }

  @Test
  void taskSourceResetGivesEachTaskFreshMemory() {
    // Non-incremental model (bandit defaults): Q of state 0 after pulling the sure arm is > 0.
    BernoulliBanditTask sure =
        new BernoulliBanditTask(TestTasks.id("bandit", 0), new double[] {1, 0});
    BernoulliBanditTask never =
        new BernoulliBanditTask(TestTasks.id("bandit", 1), new double[] {0, 0});
    TaskSource source = TaskSource.cycling(List.of(sure, never));
    MetaEnv m = MetaEnv.of(InnerEnvFactory.rl3(TestConfigs.bandits()), 4, sure, source);
    int value = m.layout().inner() + 2 + 2; // one-hot (2) then 2 advantages, then V
    int counts = m.layout().inner() + new VamdpLayout(2, 2).counts();

    m.reset(new Rng(0L));
    assertThat(m.task()).isSameAs(sure);
    float[] start = observe(m);
    for (int t = 0; t < 4; t++) {
      m.step(0);
    }
    float[] o = observe(m);
    // Q(0,0) = 1·(4 + 0.1)/(4 + 0.2) after 4 successes; counts (4, 0)/10.
    assertThat(o[value]).isCloseTo((float) (4.1 / 4.2), within(1e-6f));
    assertThat(o[counts]).isCloseTo(0.4f, within(1e-6f));

    m.reset(new Rng(1L));
    assertThat(m.task()).isSameAs(never);
    o = observe(m);
    assertThat(o[value]).isZero();
    assertThat(o[counts]).isZero();
    m.step(0);
    o = observe(m);
    assertThat(o[value]).as("nothing learned from the previous task").isZero();
    assertThat(o[counts]).isCloseTo(0.1f, within(1e-6f));

    m.reset(new Rng(2L));
    assertThat(m.task()).isSameAs(sure);
    assertThat(observe(m)).containsExactly(start);
    assertThat(((Vamdp) m.inner()).count(0, 0)).isZero();
  }
}
