package org.rl3spark.core.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rl3spark.core.testing.TestTasks.RIGHT;
import static org.rl3spark.core.testing.TestTasks.STAY;

import org.junit.jupiter.api.Test;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.testing.TestTasks;
import org.rl3spark.core.vamdp.VamdpLayout;

/** Decodes every named offset of the meta observation (docs/style.md item 6). */
class MetaLayoutTest {

  @Test
  void offsetsTileTheObservationInOrder() {
    MetaLayout l = new MetaLayout(5, 19);
    assertThat(
            new int[] {
              l.previousAction(),
              l.previousReward(),
              l.startFlag(),
              l.metaTime(),
              l.episodeTime(),
              l.inner(),
              l.size()
            })
        .containsExactly(0, 5, 6, 7, 8, 9, 28);
    assertThatThrownBy(() -> new MetaLayout(0, 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MetaLayout(3, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void inputDimensionsMatchTheSpecTable() {
    // Reference §2.4, n = 5: RL3 bandits 28, RL3 MDPs 36, RL3 gridworld 28, RL2 bandits 11,
    // RL2 MDPs 19, RL2 gridworld 11.
    assertThat(new MetaLayout(5, new VamdpLayout(2, 5).size()).size()).isEqualTo(28);
    assertThat(new MetaLayout(5, new VamdpLayout(10, 5).size()).size()).isEqualTo(36);
    assertThat(new VamdpLayout(10, 5).size()).isEqualTo(27);
    assertThat(new MetaLayout(5, 2).size()).isEqualTo(11);
    assertThat(new MetaLayout(5, 10).size()).isEqualTo(19);
  }

  @Test
  void decodesEveryFieldOfARealObservation() {
    // Chain of 4 with one-hot states; STAY pays 0.5, RIGHT pays −2 (goal +10); TH 3, H 8.
    MetaEnv meta = new MetaEnv(InnerEnvFactory.rl2(), 8, null, 2, 4);
    MetaLayout l = meta.layout();
    meta.reset(TestTasks.chain(4, 0.5, -2, 10, 3), new Rng(0L));
    float[] o = new float[l.size()];
    meta.observe(o, 0);
    assertThat(o)
        .containsExactly(
            0, 0, // no previous action
            0, // no previous reward
            1, // meta-episode start
            0, // t/H
            0, // t_τ/TH
            1, 0, 0, 0); // state 0
    meta.step(RIGHT);
    meta.observe(o, 0);
    assertThat(o).containsExactly(0, 1, -2, 0, 1 / 8f, 1 / 3f, 0, 1, 0, 0);
    meta.step(STAY);
    meta.observe(o, 0);
    assertThat(o).containsExactly(1, 0, 0.5f, 0, 2 / 8f, 2 / 3f, 0, 1, 0, 0);
    // Decode by name as well, at a non-zero offset.
    float[] wide = new float[l.size() + 2];
    meta.observe(wide, 2);
    assertThat(wide[2 + l.previousAction() + STAY]).isEqualTo(1f);
    assertThat(wide[2 + l.previousReward()]).isEqualTo(0.5f);
    assertThat(wide[2 + l.startFlag()]).isZero();
    assertThat(wide[2 + l.metaTime()]).isEqualTo(0.25f);
    assertThat(wide[2 + l.episodeTime()]).isEqualTo(2 / 3f);
    assertThat(wide[2 + l.inner() + 1]).isEqualTo(1f);
  }
}
