package org.rl3spark.core.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The reference's stepwise entropy decay (reference §5.5). */
class EntropyScheduleTest {

  @Test
  void decaysByBlocksOfTenToZeroForTheLastBlock() {
    EntropySchedule s = new EntropySchedule(0.1, true, 100, 10);
    for (int i = 1; i <= 10; i++) {
      assertThat(s.at(i)).isCloseTo(0.1 * (1 - 1.0 / 10), within(1e-15));
    }
    assertThat(s.at(11)).isCloseTo(0.1 * (1 - 2.0 / 10), within(1e-15));
    assertThat(s.at(90)).isCloseTo(0.1 * (1 - 9.0 / 10), within(1e-15));
    assertThat(s.at(91)).isEqualTo(0.0);
    assertThat(s.at(100)).isEqualTo(0.0);
    assertThat(s.at(250)).as("past the plan: stays 0").isEqualTo(0.0);
  }

  @Test
  void constantWithoutDecayAndValidated() {
    assertThat(new EntropySchedule(0.04, false, 100, 10).at(77)).isEqualTo(0.04);
    assertThatThrownBy(() -> new EntropySchedule(-1, true, 10, 10))
        .hasMessageContaining("entropy coefficient");
  }
}
