package org.rl3spark.core.meta;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.random.Seeds;
import org.rl3spark.core.testing.ModelTask;
import org.rl3spark.core.testing.Serialization;
import org.rl3spark.core.testing.TestConfigs;
import org.rl3spark.core.testing.TestTasks;
import org.rl3spark.core.vamdp.QSource;

/** Same seeds give the same trajectory, and a serialised meta env continues identically. */
class MetaEnvReproducibilityTest {

  private static final int H = 60;

  private static ModelTask randomMdp() {
    return TestTasks.randomMdp(Seeds.rng(7L, Seeds.TASK, 0), 6, 3, 5, 0);
  }

  private static MetaEnv meta(InnerEnvFactory factory, ModelTask task) {
    return MetaEnv.of(factory, H, task, () -> task);
  }

  /**
   * Plays {@code steps} steps with actions from {@code policy}; records observations and rewards.
   */
  private static List<float[]> play(MetaEnv m, Rng policy, int steps) {
    List<float[]> out = new ArrayList<>();
    for (int t = 0; t < steps; t++) {
      float[] o = new float[m.observationSize() + 1];
      m.observe(o, 0);
      o[o.length - 1] = (float) m.step(policy.nextInt(m.numActions())).reward();
      out.add(o);
    }
    float[] last = new float[m.observationSize() + 1];
    m.observe(last, 0);
    out.add(last);
    return out;
  }

  private static List<float[]> trajectory(InnerEnvFactory factory, ModelTask task, long dynamics) {
    MetaEnv m = meta(factory, task);
    m.reset(Seeds.rng(1L, Seeds.ENV_DYNAMICS, dynamics));
    return play(m, Seeds.rng(1L, Seeds.POLICY, 0), H);
  }

  private static void assertSame(List<float[]> a, List<float[]> b) {
    assertThat(a).hasSameSizeAs(b);
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i)).as("step %d", i).containsExactly(b.get(i));
    }
  }

  private static boolean differ(List<float[]> a, List<float[]> b) {
    for (int i = 0; i < a.size(); i++) {
      if (!java.util.Arrays.equals(a.get(i), b.get(i))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void sameSeedsGiveIdenticalTrajectories() {
    ModelTask task = randomMdp();
    for (InnerEnvFactory f :
        new InnerEnvFactory[] {
          InnerEnvFactory.rl2(),
          InnerEnvFactory.rl3(TestConfigs.mdps()),
          InnerEnvFactory.rl3(TestConfigs.grids().withQSource(QSource.SUCCESSOR_CACHE))
        }) {
      List<float[]> a = trajectory(f, task, 0);
      assertSame(a, trajectory(f, task, 0));
      assertThat(differ(a, trajectory(f, task, 1))).as("another dynamics seed").isTrue();
    }
  }

  @Test
  void serialisedMetaEnvContinuesIdenticallyMidEpisode() {
    ModelTask mdp = randomMdp();
    ModelTask grid =
        TestTasks.grid(13, TestTasks.tile(13, 6, 6), 100, 1000, TestTasks.tile(13, 6, 9));
    Object[][] cases = {
      {InnerEnvFactory.rl2(), mdp},
      {InnerEnvFactory.rl3(TestConfigs.mdps()), mdp},
      {InnerEnvFactory.rl3(TestConfigs.coarse13()), grid},
    };
    for (Object[] c : cases) {
      InnerEnvFactory factory = (InnerEnvFactory) c[0];
      ModelTask task = (ModelTask) c[1];
      MetaEnv m = meta(factory, task);
      m.reset(Seeds.rng(2L, Seeds.ENV_DYNAMICS, 0));
      Rng policy = Seeds.rng(2L, Seeds.POLICY, 0);
      play(m, policy, 23);
      MetaEnv shipped = Serialization.roundTrip(m);
      Rng policyCopy = policy.copy();
      assertSame(play(shipped, policyCopy, H - 23), play(m, policy, H - 23));
      assertThat(shipped.isRunning()).isFalse();
    }
  }
}
