package org.rl3spark.jobs.tasks;

import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.rl3spark.core.task.Split;
import org.rl3spark.core.task.TaskFamily;
import org.rl3spark.jobs.config.TestingConfig;
import org.rl3spark.jobs.testing.FaultInjection;

/**
 * Executor function: maps a partition of task indices to task rows, one at a time. It carries only
 * the serialisable family record, the split, the master seed and the (test-only) hooks; each row is
 * {@code family.generate(split, index, masterSeed)}, so the partition and the attempt do not
 * matter.
 */
public final class GenerateTaskRows implements MapPartitionsFunction<Long, Row> {

  private static final long serialVersionUID = 1L;

  private final TaskFamily family;
  private final Split split;
  private final long masterSeed;
  private final TestingConfig hooks;

  /**
   * @param family the family (a serialisable record)
   * @param split the split
   * @param masterSeed the master seed
   * @param hooks fault hooks ({@link TestingConfig#NONE} outside tests)
   */
  public GenerateTaskRows(TaskFamily family, Split split, long masterSeed, TestingConfig hooks) {
    this.family = family;
    this.split = split;
    this.masterSeed = masterSeed;
    this.hooks = hooks;
  }

  @Override
  public Iterator<Row> call(Iterator<Long> indices) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return indices.hasNext();
      }

      @Override
      public Row next() {
        long index = indices.next();
        FaultInjection.beforeTask(hooks, index);
        return TaskRows.toRow(family, family.generate(split, index, masterSeed));
      }
    };
  }
}
