package org.rl3spark.jobs.eval;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import org.rl3spark.core.policy.Policy;
import org.rl3spark.core.task.Split;
import org.rl3spark.core.task.TaskFamily;
import org.rl3spark.jobs.config.TestingConfig;

/**
 * Everything the executors need to evaluate: the sets with their built policies (Gittins tables
 * inside), the budgets, the task count and the master seed. Built once on the driver and shipped as
 * one broadcast.
 *
 * <p>Work items are numbered set-major: item g is task {@code g % count} of set {@code g / count}.
 *
 * @param sets the sets, in config order
 * @param count tasks per set
 * @param budgets budgets H, ascending
 * @param masterSeed the master seed
 * @param hooks test-only fault hooks ({@link TestingConfig#NONE} otherwise)
 */
public record EvalPlan(
    List<PlanSet> sets, long count, int[] budgets, long masterSeed, TestingConfig hooks)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /**
   * One set: its tasks and the policies that play them.
   *
   * @param family the task family (with the set's settings)
   * @param split the split
   * @param policies the policies, in config order (unique names)
   */
  public record PlanSet(TaskFamily family, Split split, List<Policy> policies)
      implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Copies the list. */
    public PlanSet {
      Objects.requireNonNull(family, "family");
      Objects.requireNonNull(split, "split");
      policies = List.copyOf(policies);
    }
  }

  /** Copies and validates. */
  public EvalPlan {
    sets = List.copyOf(sets);
    budgets = budgets.clone();
    Objects.requireNonNull(hooks, "hooks");
    if (sets.isEmpty() || count < 1 || budgets.length == 0) {
      throw new IllegalArgumentException("an evaluation needs sets, tasks and budgets");
    }
  }

  /** Number of work items (tasks over all sets). */
  public long items() {
    return sets.size() * count;
  }

  /** Rows of per-task results: tasks × budgets × policies over all sets. */
  public long resultRows() {
    long n = 0;
    for (PlanSet s : sets) {
      n += count * budgets.length * s.policies().size();
    }
    return n;
  }
}
