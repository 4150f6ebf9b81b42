package org.rl3spark.jobs.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;
import org.rl3spark.core.policy.MetaOracle;
import org.rl3spark.core.policy.Policy;
import org.rl3spark.core.rollout.MetaEpisodeRunner;
import org.rl3spark.core.rollout.Trajectory;
import org.rl3spark.core.task.Task;
import org.rl3spark.core.task.TaskId;
import org.rl3spark.jobs.testing.FaultInjection;

/**
 * Executor function: maps a partition of work items (see {@link EvalPlan}) to per-task result rows
 * of {@link EvalSchemas#RESULTS}. For each item it generates the task from (family settings, split,
 * index, master seed), computes the oracle's expected return for every budget, and plays every
 * policy × budget once (meta-episode 0) with {@link MetaEpisodeRunner}, whose seeds derive from the
 * task, the budget and the policy name only; so the rows do not depend on the partition, the
 * executor or the attempt. Rows are produced lazily, one task at a time. The test-only hooks {@code
 * testing.fail-once-at-index} / {@code fail-always-at-index} fire at that task index of every set.
 */
public final class EvaluateTasks implements MapPartitionsFunction<Long, Row> {

  private static final long serialVersionUID = 1L;

  private final Broadcast<EvalPlan> plan;
  private final LongAccumulator tasksDone;

  /**
   * @param plan the evaluation plan
   * @param tasksDone counts evaluated tasks (progress only; never read by the computation)
   */
  public EvaluateTasks(Broadcast<EvalPlan> plan, LongAccumulator tasksDone) {
    this.plan = plan;
    this.tasksDone = tasksDone;
  }

  @Override
  public Iterator<Row> call(Iterator<Long> items) {
    EvalPlan p = plan.value();
    MetaEpisodeRunner runner = new MetaEpisodeRunner();
    return new Iterator<>() {
      private Iterator<Row> current = Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && items.hasNext()) {
          current = evaluate(p, runner, items.next()).iterator();
          if (tasksDone != null) {
            tasksDone.add(1);
          }
        }
        return current.hasNext();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }

  /** The rows of one work item: budgets × policies, in plan order. */
  static List<Row> evaluate(EvalPlan p, MetaEpisodeRunner runner, long item) {
    EvalPlan.PlanSet set = p.sets().get((int) (item / p.count()));
    long index = item % p.count();
    FaultInjection.beforeTask(p.hooks(), index);
    Task task = set.family().generate(set.split(), index, p.masterSeed());
    TaskId id = task.id();
    List<Row> rows = new ArrayList<>(p.budgets().length * set.policies().size());
    for (int budget : p.budgets()) {
      double oracle = MetaOracle.solve(task, budget).expectedReturn();
      for (Policy policy : set.policies()) {
        Trajectory t = runner.play(task, policy, budget, p.masterSeed(), 0);
        rows.add(
            RowFactory.create(
                EvalSchemas.SCHEMA_VERSION,
                id.family(),
                id.variant(),
                id.split().id(),
                budget,
                policy.name(),
                index,
                id.seed(),
                t.totalReturn(),
                oracle,
                t.rewards()));
      }
    }
    return rows;
  }
}
