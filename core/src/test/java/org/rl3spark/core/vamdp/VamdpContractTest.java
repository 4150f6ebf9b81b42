package org.rl3spark.core.vamdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rl3spark.core.testing.TestTasks.RIGHT;

import org.junit.jupiter.api.Test;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.testing.TestConfigs;
import org.rl3spark.core.testing.TestTasks;

class VamdpContractTest {

  private static Vamdp chain() {
    return new Vamdp(TestTasks.chain(3, -1, -1, 10, 100).newEnv(), TestConfigs.grids(), 100);
  }

  @Test
  void stepBeforeResetThrows() {
    Vamdp v = chain();
    assertThat(v.isRunning()).isFalse();
    assertThatThrownBy(() -> v.step(RIGHT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("before reset");
  }

  @Test
  void stepAfterTerminationThrowsUntilReset() {
    Vamdp v = chain();
    v.reset(new Rng(0L));
    v.step(RIGHT);
    assertThat(v.step(RIGHT).terminated()).isTrue();
    assertThat(v.isRunning()).isFalse();
    assertThatThrownBy(() -> v.step(RIGHT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("terminated");
    v.reset(new Rng(0L));
    assertThat(v.state()).isZero();
    assertThat(v.step(RIGHT).terminated()).isFalse();
  }

  @Test
  void invalidActionsAreRejectedWithoutSideEffects() {
    Vamdp v = chain();
    v.reset(new Rng(0L));
    assertThatThrownBy(() -> v.step(2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("action 2 is outside the action set [0, 2)");
    assertThatThrownBy(() -> v.step(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(v.count(0, 0) + v.count(0, 1)).isZero();
    assertThat(v.model().numStates()).isZero();
  }

  @Test
  void sizesAndTaskHorizonChecks() {
    Vamdp v = chain();
    // m = 3 one-hot, n = 2: m + 3n + 2 = 11.
    assertThat(v.observationSize()).isEqualTo(11);
    assertThat(v.numActions()).isEqualTo(2);
    assertThat(v.config()).isEqualTo(TestConfigs.grids());
    assertThatThrownBy(
            () -> new Vamdp(TestTasks.chain(3, -1, -1, 10, 100).newEnv(), TestConfigs.grids(), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("task horizon");
  }

  @Test
  void countsAreKeptPerConcreteStateAndAction() {
    Vamdp v = chain();
    v.reset(new Rng(0L));
    v.step(0);
    v.step(0);
    v.step(RIGHT);
    v.step(0);
    assertThat(v.count(0, 0)).isEqualTo(2);
    assertThat(v.count(0, RIGHT)).isEqualTo(1);
    assertThat(v.count(1, 0)).isEqualTo(1);
    assertThat(v.count(1, RIGHT)).isZero();
  }
}
