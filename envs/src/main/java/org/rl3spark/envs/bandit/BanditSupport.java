package org.rl3spark.envs.bandit;

import java.util.List;
import java.util.Map;
import org.rl3spark.core.policy.PolicySet;
import org.rl3spark.core.task.Split;
import org.rl3spark.core.task.Task;
import org.rl3spark.core.task.TaskFamily;
import org.rl3spark.core.task.TaskId;
import org.rl3spark.envs.family.ColumnType;
import org.rl3spark.envs.family.ColumnValues;
import org.rl3spark.envs.family.ConformanceSample;
import org.rl3spark.envs.family.FamilySupport;
import org.rl3spark.envs.family.SummaryColumn;
import org.rl3spark.envs.family.TaskColumn;

/**
 * The registration of Bernoulli bandits: rows {@code arms int, p array<double>, best_arm_p double};
 * summary {@code mean_best_arm_p}; the bandit baselines.
 */
public final class BanditSupport implements FamilySupport<BanditsConfig> {

  /** Column: the number of arms. */
  public static final String ARMS = "arms";

  /** Column: the arms' parameters as drawn. */
  public static final String P = "p";

  /** Column and statistic: the best arm's success probability. */
  public static final String BEST_ARM_P = "best_arm_p";

  /** Summary: the mean best-arm success probability. */
  public static final String MEAN_BEST_ARM_P = "mean_best_arm_p";

  @Override
  public String name() {
    return BanditFamily.NAME;
  }

  @Override
  public Class<BanditsConfig> configType() {
    return BanditsConfig.class;
  }

  @Override
  public PolicySet policies() {
    return PolicySet.BANDIT;
  }

  @Override
  public List<TaskColumn> columns() {
    return List.of(
        new TaskColumn(ARMS, ColumnType.INT),
        new TaskColumn(P, ColumnType.DOUBLE_ARRAY),
        new TaskColumn(BEST_ARM_P, ColumnType.DOUBLE));
  }

  @Override
  public Object[] values(TaskFamily family, Task task) {
    BanditTask b = (BanditTask) task;
    return new Object[] {b.arms(), b.p(), b.bestArmProbability()};
  }

  @Override
  public Task task(TaskId id, ColumnValues row) {
    return new BanditTask(id, row.doubles(P));
  }

  @Override
  public Map<String, Double> statistics(Task task) {
    return Map.of(BEST_ARM_P, ((BanditTask) task).bestArmProbability());
  }

  @Override
  public List<SummaryColumn> summary() {
    return List.of(SummaryColumn.mean(MEAN_BEST_ARM_P, BEST_ARM_P));
  }

  @Override
  public List<ConformanceSample> conformanceSamples() {
    return List.of(
        new ConformanceSample("bandits-k5", new BanditFamily(5), Split.TRAIN),
        new ConformanceSample("bandits-k5-ood", new BanditFamily(5), Split.OOD));
  }
}
