package org.rl3spark.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SplitAndTaskIdTest {

  @Test
  void splitIdsParseBackCaseInsensitively() {
    for (Split s : Split.values()) {
      assertThat(Split.parse(s.id())).isEqualTo(s);
      assertThat(Split.parse(" " + s.id().toUpperCase() + " ")).isEqualTo(s);
    }
    assertThat(Split.TRAIN.id()).isEqualTo("train");
    assertThat(Split.OOD.id()).isEqualTo("ood");
    assertThatThrownBy(() -> Split.parse("validation"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown split 'validation': expected one of train, test, ood");
  }

  @Test
  void taskIdValidatesItsFields() {
    TaskId id = new TaskId("bandits", "k5", Split.TEST, 3, 42L);
    assertThat(id.index()).isEqualTo(3);
    assertThatThrownBy(() -> new TaskId("bandits", "k5", Split.TEST, -1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("task index must be >= 0, got -1");
    assertThatThrownBy(() -> new TaskId(null, "k5", Split.TEST, 0, 0))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("family");
    assertThatThrownBy(() -> new TaskId("bandits", "k5", null, 0, 0))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("split");
  }
}
