package org.rl3spark.core.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StepTest {

  @Test
  void doneIsTerminatedOrTruncated() {
    assertThat(new Step(1, false, false).done()).isFalse();
    assertThat(new Step(1, true, false).done()).isTrue();
    assertThat(new Step(1, false, true).done()).isTrue();
  }

  @Test
  void checkActionNamesTheRange() {
    Env.checkAction(0, 3);
    Env.checkAction(2, 3);
    assertThatThrownBy(() -> Env.checkAction(3, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("action 3 is outside the action set [0, 3)");
    assertThatThrownBy(() -> Env.checkAction(-1, 3)).isInstanceOf(IllegalArgumentException.class);
  }
}
