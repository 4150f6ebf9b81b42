package org.rl3spark.envs.mdp;

import java.util.List;
import java.util.Map;
import org.rl3spark.core.model.ValueIteration;
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
 * The registration of random tabular MDPs: rows {@code states int, actions int, alpha double,
 * transitions array<double>, mean_rewards array<double>, oracle_episode_return double, noise_std
 * double, episode_length int, start_state int} (the last three make a row a complete task); summary
 * {@code mean_oracle_episode_return}; the tabular baselines.
 */
public final class RandomMdpSupport implements FamilySupport<MdpsConfig> {

  /** Column. */
  public static final String STATES = "states";

  /** Column. */
  public static final String ACTIONS = "actions";

  /** Column: the Dirichlet concentration the split's tasks were drawn with. */
  public static final String ALPHA = "alpha";

  /** Column: T flattened as [(s·A + a)·S + s']. */
  public static final String TRANSITIONS = "transitions";

  /** Column: R flattened as [s·A + a]. */
  public static final String MEAN_REWARDS = "mean_rewards";

  /** Column and statistic: the optimal expected undiscounted episode return from the start. */
  public static final String ORACLE_EPISODE_RETURN = "oracle_episode_return";

  /** Column. */
  public static final String NOISE_STD = "noise_std";

  /** Column. */
  public static final String EPISODE_LENGTH = "episode_length";

  /** Column. */
  public static final String START_STATE = "start_state";

  /** Summary: the mean optimal episode return from the start state. */
  public static final String MEAN_ORACLE_EPISODE_RETURN = "mean_oracle_episode_return";

  @Override
  public String name() {
    return RandomMdpFamily.NAME;
  }

  @Override
  public Class<MdpsConfig> configType() {
    return MdpsConfig.class;
  }

  @Override
  public PolicySet policies() {
    return PolicySet.TABULAR;
  }

  @Override
  public List<TaskColumn> columns() {
    return List.of(
        new TaskColumn(STATES, ColumnType.INT),
        new TaskColumn(ACTIONS, ColumnType.INT),
        new TaskColumn(ALPHA, ColumnType.DOUBLE),
        new TaskColumn(TRANSITIONS, ColumnType.DOUBLE_ARRAY),
        new TaskColumn(MEAN_REWARDS, ColumnType.DOUBLE_ARRAY),
        new TaskColumn(ORACLE_EPISODE_RETURN, ColumnType.DOUBLE),
        new TaskColumn(NOISE_STD, ColumnType.DOUBLE),
        new TaskColumn(EPISODE_LENGTH, ColumnType.INT),
        new TaskColumn(START_STATE, ColumnType.INT));
  }

  @Override
  public Object[] values(TaskFamily family, Task task) {
    RandomMdpTask m = (RandomMdpTask) task;
    return new Object[] {
      m.states(),
      m.actions(),
      ((RandomMdpFamily) family).alphaOf(task.id().split()),
      m.transitions(),
      m.meanRewards(),
      oracleEpisodeReturn(m),
      m.noiseStd(),
      m.episodeLength(),
      m.startState()
    };
  }

  @Override
  public Task task(TaskId id, ColumnValues row) {
    return new RandomMdpTask(
        id,
        row.intValue(STATES),
        row.intValue(ACTIONS),
        row.doubles(TRANSITIONS),
        row.doubles(MEAN_REWARDS),
        row.doubleValue(NOISE_STD),
        row.intValue(EPISODE_LENGTH),
        row.intValue(START_STATE));
  }

  @Override
  public Map<String, Double> statistics(Task task) {
    return Map.of(ORACLE_EPISODE_RETURN, oracleEpisodeReturn((RandomMdpTask) task));
  }

  @Override
  public List<SummaryColumn> summary() {
    return List.of(SummaryColumn.mean(MEAN_ORACLE_EPISODE_RETURN, ORACLE_EPISODE_RETURN));
  }

  @Override
  public List<ConformanceSample> conformanceSamples() {
    return List.of(
        new ConformanceSample("mdps-alpha1", RandomMdpFamily.standard(), Split.TRAIN),
        new ConformanceSample("mdps-alpha0.25", RandomMdpFamily.standard(), Split.OOD));
  }

  /** The optimal expected undiscounted return of one episode (task-horizon steps) from start. */
  public static double oracleEpisodeReturn(RandomMdpTask t) {
    double[][] v = ValueIteration.finiteHorizon(t.model(), t.episodeLength(), 1.0);
    return v[t.episodeLength()][t.startState()];
  }
}
