package org.rl3spark.core.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rl3spark.core.testing.TestTasks.RIGHT;
import static org.rl3spark.core.testing.TestTasks.STAY;

import org.junit.jupiter.api.Test;
import org.rl3spark.core.env.Step;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.testing.ModelTask;
import org.rl3spark.core.testing.TestTasks;

/**
 * Meta-episode bookkeeping (reference §2.1, §2.2): budget, inner resets, what the agent observes.
 */
class MetaEnvEpisodeTest {

  private static MetaEnv rl2(int budget, ModelTask task) {
    return new MetaEnv(InnerEnvFactory.rl2(), budget, null, 2, task.encodingSize());
  }

  private static float[] observe(MetaEnv m) {
    float[] o = new float[m.observationSize()];
    m.observe(o, 0);
    return o;
  }

  /** Index of the one-hot inner state in a meta observation. */
  private static int innerState(MetaEnv m, float[] o) {
    int found = -1;
    for (int i = m.layout().inner(); i < o.length; i++) {
      if (o[i] == 1f) {
        assertThat(found).as("one-hot").isEqualTo(-1);
        found = i - m.layout().inner();
      }
    }
    return found;
  }

  @Test
  void exactlyHStepsThenTerminatedAndFurtherStepsThrow() {
    ModelTask task = TestTasks.chain(4, 0, 0, 10, 100);
    MetaEnv m = rl2(7, task);
    m.reset(task, new Rng(0L));
    for (int t = 1; t <= 7; t++) {
      assertThat(m.isRunning()).isTrue();
      Step s = m.step(STAY);
      assertThat(s.terminated()).isEqualTo(t == 7);
      assertThat(s.truncated()).isFalse();
      assertThat(m.steps()).isEqualTo(t);
    }
    assertThat(m.isRunning()).isFalse();
    assertThat(observe(m)[m.layout().metaTime()]).isEqualTo(1f);
    assertThatThrownBy(() -> m.step(STAY))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("budget H=7");
  }

  @Test
  void taskHorizonIsCappedByTheBudget() {
    ModelTask longEpisodes = TestTasks.chain(4, 0, 0, 10, 100);
    MetaEnv m = rl2(7, longEpisodes);
    m.reset(longEpisodes, new Rng(0L));
    assertThat(m.taskHorizon()).isEqualTo(7);
    m.step(STAY);
    assertThat(observe(m)[m.layout().episodeTime()]).isEqualTo(1 / 7f);
    ModelTask shortEpisodes = TestTasks.chain(4, 0, 0, 10, 3);
    m.reset(shortEpisodes, new Rng(0L));
    assertThat(m.taskHorizon()).isEqualTo(3);
  }

  @Test
  void innerEpisodeIsResetAtTheTaskHorizon() {
    // Chain of 6 (goal 5 unreachable in 3 steps), TH 3, H 8, always RIGHT; step reward −1.
    ModelTask task = TestTasks.chain(6, 0, -1, 10, 3);
    MetaEnv m = rl2(8, task);
    m.reset(task, new Rng(0L));
    int[] expectedState = {1, 2, 0, 1, 2, 0, 1, 2};
    float[] expectedEpisodeTime = {1 / 3f, 2 / 3f, 0, 1 / 3f, 2 / 3f, 0, 1 / 3f, 2 / 3f};
    for (int t = 0; t < 8; t++) {
      Step s = m.step(RIGHT);
      assertThat(s.reward()).isEqualTo(-1.0);
      float[] o = observe(m);
      assertThat(innerState(m, o)).as("state after step %d", t + 1).isEqualTo(expectedState[t]);
      assertThat(o[m.layout().episodeTime()]).isEqualTo(expectedEpisodeTime[t]);
      assertThat(o[m.layout().previousReward()]).isEqualTo(-1f);
    }
    assertThat(m.episodes()).isEqualTo(3);
  }

  @Test
  void terminalStateIsNeverObservedButItsRewardIs() {
    // Chain 0 → 1 → 2 (goal, +10), always RIGHT: every second step ends an episode.
    ModelTask task = TestTasks.chain(3, 0, -1, 10, 100);
    MetaEnv m = rl2(9, task);
    m.reset(task, new Rng(0L));
    float[] o = observe(m);
    assertThat(o[m.layout().startFlag()]).isEqualTo(1f);
    for (int t = 1; t <= 9; t++) {
      Step s = m.step(RIGHT);
      o = observe(m);
      assertThat(o[m.layout().startFlag()]).as("start flag only at t = 0").isZero();
      assertThat(o[m.layout().metaTime()]).isEqualTo((float) t / 9);
      assertThat(innerState(m, o)).as("the goal is never observed").isNotEqualTo(2);
      if (t % 2 == 0) {
        // The ending transition: reward +10 shown, but the state is the next episode's start.
        assertThat(s.reward()).isEqualTo(10.0);
        assertThat(o[m.layout().previousReward()]).isEqualTo(10f);
        assertThat(o[m.layout().previousAction() + RIGHT]).isEqualTo(1f);
        assertThat(innerState(m, o)).isZero();
        assertThat(o[m.layout().episodeTime()]).isZero();
      } else {
        assertThat(innerState(m, o)).isEqualTo(1);
      }
    }
    assertThat(m.episodes()).isEqualTo(5);
  }

  @Test
  void misuseIsRejected() {
    ModelTask task = TestTasks.chain(3, 0, -1, 10, 100);
    MetaEnv m = rl2(5, task);
    assertThat(m.isRunning()).isFalse();
    assertThatThrownBy(() -> m.step(STAY))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("before reset");
    assertThatThrownBy(() -> m.observe(new float[m.observationSize()], 0))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> m.reset(new Rng(0L)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no task source");
    m.reset(task, new Rng(0L));
    assertThatThrownBy(() -> m.step(2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> m.reset(TestTasks.chain(4, 0, -1, 10, 100), new Rng(0L)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("observation size 4")
        .hasMessageContaining("built for 2 and 3");
    assertThatThrownBy(() -> new MetaEnv(InnerEnvFactory.rl2(), 0, null, 2, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("budget H must be >= 1");
  }

  @Test
  void sizedFromTheFirstTask() {
    ModelTask task = TestTasks.chain(3, 0, -1, 10, 100);
    MetaEnv m = MetaEnv.of(InnerEnvFactory.rl2(), 5, task, () -> task);
    assertThat(m.numActions()).isEqualTo(2);
    assertThat(m.observationSize()).isEqualTo(2 + 4 + 3);
    assertThat(m.budget()).isEqualTo(5);
    m.reset(new Rng(0L));
    assertThat(m.task()).isSameAs(task);
  }
}
