package org.rl3spark.envs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rl3spark.core.task.Split;
import org.rl3spark.core.task.Task;
import org.rl3spark.core.task.TaskFamily;
import org.rl3spark.envs.bandit.BanditFamily;
import org.rl3spark.envs.grid.GridFamily;
import org.rl3spark.envs.grid.GridVariant;
import org.rl3spark.envs.mdp.RandomMdpFamily;

/**
 * {@code generate(split, index, seed)} is a pure function: the same task whatever other tasks were
 * generated before, in whatever order, by whichever instance; different splits, indices and master
 * seeds give different tasks (docs/style.md item 4).
 */
class TaskGenerationDeterminismTest {

  private static final long MASTER = 99L;

  static Stream<TaskFamily> families() {
    List<TaskFamily> f = new ArrayList<>();
    f.add(new BanditFamily(5));
    f.add(RandomMdpFamily.standard());
    for (GridVariant v : GridVariant.values()) {
      f.add(GridFamily.of(v));
    }
    return f.stream();
  }

  private static List<Split> splits(TaskFamily f) {
    return Stream.of(Split.values()).filter(f::supports).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("families")
  void generationIsAPureFunctionOfSplitIndexAndSeed(TaskFamily family) throws Exception {
    int n = 8;
    for (Split split : splits(family)) {
      List<Task> forward = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        forward.add(family.generate(split, i, MASTER));
      }
      // A copy of the family (as shipped to an executor), other tasks in between, reverse order.
      TaskFamily copy = org.rl3spark.envs.testing.Serialization.roundTrip(family);
      for (int i = n - 1; i >= 0; i--) {
        copy.generate(split, 1000 + i, MASTER);
        for (Split other : splits(family)) {
          copy.generate(other, i + 1, MASTER + 1);
        }
        Task again = copy.generate(split, i, MASTER);
        assertThat(again).as("%s %s task %s", family.variant(), split, i).isEqualTo(forward.get(i));
        assertThat(again.id().seed()).isEqualTo(family.taskSeed(split, i, MASTER));
        assertThat(again.id().index()).isEqualTo(i);
        assertThat(again.id().split()).isEqualTo(split);
        assertThat(again.id().family()).isEqualTo(family.family());
      }
      for (int i = 1; i < n; i++) {
        assertThat(forward.get(i))
            .as("index %s differs from index 0", i)
            .isNotEqualTo(forward.get(0));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("families")
  void splitsAndMasterSeedsGiveDifferentTasks(TaskFamily family) {
    List<Split> splits = splits(family);
    for (int i = 0; i < 5; i++) {
      for (Split a : splits) {
        Task base = family.generate(a, i, MASTER);
        assertThat(parameters(family.generate(a, i, MASTER + 1)))
            .as("%s: another master seed", a)
            .isNotEqualTo(parameters(base));
        for (Split b : splits) {
          if (a != b) {
            assertThat(family.taskSeed(a, i, MASTER)).isNotEqualTo(family.taskSeed(b, i, MASTER));
            assertThat(parameters(family.generate(b, i, MASTER)))
                .as("%s vs %s task %s", a, b, i)
                .isNotEqualTo(parameters(base));
          }
        }
      }
    }
  }

  /** The task's parameters without its identity (which differs by construction). */
  private static Object parameters(Task t) {
    if (t instanceof org.rl3spark.envs.bandit.BanditTask b) {
      return java.util.Arrays.toString(b.p());
    }
    if (t instanceof org.rl3spark.envs.mdp.RandomMdpTask m) {
      return java.util.Arrays.toString(m.transitions())
          + java.util.Arrays.toString(m.meanRewards());
    }
    return ((org.rl3spark.envs.grid.GridTask) t).layout();
  }
}
