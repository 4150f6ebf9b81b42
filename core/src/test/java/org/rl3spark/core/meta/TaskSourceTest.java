package org.rl3spark.core.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rl3spark.core.task.Task;
import org.rl3spark.core.testing.Serialization;
import org.rl3spark.core.testing.TestTasks;

class TaskSourceTest {

  @Test
  void cyclesInOrderAndSurvivesSerialisationWithItsPosition() {
    List<Task> tasks = new ArrayList<>();
    for (int i = 2; i <= 4; i++) {
      tasks.add(TestTasks.chain(i, 0, 0, 1, 10));
    }
    TaskSource source = TaskSource.cycling(tasks);
    tasks.clear(); // the source keeps its own copy
    assertThat(source.next().id().index()).isEqualTo(2);
    assertThat(source.next().id().index()).isEqualTo(3);
    TaskSource shipped = Serialization.roundTrip(source);
    assertThat(source.next().id().index()).isEqualTo(4);
    assertThat(source.next().id().index()).isEqualTo(2);
    assertThat(shipped.next().id().index()).isEqualTo(4);
    assertThat(shipped.next().id().index()).isEqualTo(2);
  }

  @Test
  void needsAtLeastOneTask() {
    assertThatThrownBy(() -> TaskSource.cycling(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one task");
  }
}
