package org.rl3spark.core.meta;

import java.io.Serializable;
import java.util.List;
import org.rl3spark.core.task.Task;

/** A stream of tasks for consecutive meta-episodes. */
@FunctionalInterface
public interface TaskSource extends Serializable {

  /** The task of the next meta-episode. */
  Task next();

  /** Cycles through the given tasks in order. */
  static TaskSource cycling(List<? extends Task> tasks) {
    if (tasks.isEmpty()) {
      throw new IllegalArgumentException("a task source needs at least one task");
    }
    List<Task> copy = List.copyOf(tasks);
    return new TaskSource() {
      private static final long serialVersionUID = 1L;
      private int i;

      @Override
      public Task next() {
        Task t = copy.get(i);
        i = (i + 1) % copy.size();
        return t;
      }
    };
  }
}
