package org.rl3spark.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rl3spark.core.env.Step;
import org.rl3spark.core.model.SparseModel;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.random.Seeds;

/** The shared test fixtures simulate the models they claim to (chi-square on transitions). */
class ModelEnvTest {

  @Test
  void successorFrequenciesMatchTheModel() {
    ModelTask task = TestTasks.randomMdp(Seeds.rng(0L, "test/model-env/task"), 6, 2, 10, 0);
    SparseModel m = task.model();
    ModelEnv env = new ModelEnv(task);
    Rng rng = Seeds.rng(0L, "test/model-env/dynamics");
    long[] counts = new long[6];
    int draws = 60_000;
    for (int i = 0; i < draws; i++) {
      env.reset(rng);
      env.step(1);
      counts[env.state()]++;
    }
    double[] p = new double[6];
    for (int s = 0; s < 6; s++) {
      p[s] = m.transitionProbability(0, 1, s);
    }
    assertThat(Stats.chiSquare(counts, p)).isLessThan(Stats.chiSquareCritical1e4(5));
  }

  @Test
  void banditPaysWithItsSuccessProbabilityAndEndsTheEpisode() {
    BernoulliBanditTask task =
        new BernoulliBanditTask(TestTasks.id("bandit", 0), new double[] {0.3, 0.8});
    var env = task.newEnv();
    Rng rng = Seeds.rng(0L, "test/model-env/bandit");
    int n = 40_000;
    int wins = 0;
    for (int i = 0; i < n; i++) {
      env.reset(rng);
      Step s = env.step(1);
      assertThat(s.terminated()).isTrue();
      assertThat(env.state()).isEqualTo(BernoulliBanditTask.PULLED);
      wins += (int) s.reward();
    }
    assertThat((double) wins / n).isCloseTo(0.8, within(5 * Math.sqrt(0.8 * 0.2 / n)));
    assertThatThrownBy(() -> env.step(0)).isInstanceOf(IllegalStateException.class);
    assertThat(task.model().expectedReward(0, 0)).isEqualTo(0.3);
  }

  @Test
  void gridMovesStayOnTheGridAndGoalsAbsorb() {
    ModelTask g = TestTasks.grid(3, TestTasks.tile(3, 1, 1), 100, 50, TestTasks.tile(3, 0, 2));
    ModelEnv env = new ModelEnv(g);
    env.reset(new Rng(0L));
    assertThat(env.step(TestTasks.WEST).reward()).isEqualTo(-1.0);
    assertThat(env.step(TestTasks.WEST).reward()).isEqualTo(-1.0); // bump: stays, pays −1
    assertThat(env.state()).isEqualTo(TestTasks.tile(3, 1, 0));
    env.step(TestTasks.NORTH);
    env.step(TestTasks.EAST);
    Step s = env.step(TestTasks.EAST);
    assertThat(s.reward()).isEqualTo(100.0);
    assertThat(s.terminated()).isTrue();
    float[] enc = new float[2];
    env.encodeState(TestTasks.tile(3, 0, 2), enc, 0);
    assertThat(enc).containsExactly(1 / 3f, 1f);
  }
}
