package org.rl3spark.envs.family;

import java.util.List;
import java.util.Map;
import org.rl3spark.core.policy.PolicySet;
import org.rl3spark.core.task.Task;
import org.rl3spark.core.task.TaskFamily;
import org.rl3spark.core.task.TaskId;

/**
 * Everything the pipeline knows about one task family beyond its envs classes, in one place: its
 * name, its settings record, the layout of its task rows, its summary columns, the classical
 * policies it accepts and the samples of the conformance suite. Its VAMDP settings are the family's
 * own ({@link TaskFamily#vamdpDefaults()}, {@link TaskFamily#coarseDefaults()}).
 *
 * <p>Jobs look families up by name in {@link org.rl3spark.envs.Families} and derive the rest: the
 * {@code family.<name>} config block is bound to {@link #configType()} by its components' names,
 * the Parquet schema is the common columns followed by {@link #columns()}, and the summary
 * aggregates {@link #summary()}.
 *
 * @param <C> the settings record
 */
public interface FamilySupport<C extends FamilyConfig> {

  /** The family name, as used in configs, paths and tables ({@link TaskFamily#family()}). */
  String name();

  /**
   * The settings record, bound to the {@code family.<name>} block: each component is read from the
   * key of its name in kebab-case ({@code minReturn} from {@code min-return}), as an {@code int},
   * {@code double} or {@code String}, in component order.
   */
  Class<C> configType();

  /** The classical policies the family's tasks accept. */
  PolicySet policies();

  /**
   * The family-specific columns of its task rows, in order. Together with the common columns they
   * must rebuild the task ({@link #task}).
   */
  List<TaskColumn> columns();

  /**
   * The values of {@link #columns()} for one task, in order (types as {@link ColumnType} says).
   *
   * @param family the family that generated the task (e.g. for the split's Dirichlet α)
   */
  Object[] values(TaskFamily family, Task task);

  /** Rebuilds a task from its identity and the values of {@link #columns()}. */
  Task task(TaskId id, ColumnValues row);

  /**
   * The per-task figures a user checks a task distribution by, in a fixed order; each is also a
   * column of the task row.
   */
  Map<String, Double> statistics(Task task);

  /** The columns of the task summary, in order; names may be shared with other families. */
  List<SummaryColumn> summary();

  /** The task distributions the env conformance suite plays: every variant, and OOD. */
  List<ConformanceSample> conformanceSamples();
}
