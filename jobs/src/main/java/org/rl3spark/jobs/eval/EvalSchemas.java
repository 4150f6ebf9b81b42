package org.rl3spark.jobs.eval;

import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.rl3spark.jobs.publish.ExpectedSchema;

/**
 * The Parquet schemas of the {@code rollout} and {@code evaluate} outputs. No column is nullable.
 *
 * <p>Per-task evaluation rows ({@link #RESULTS}): {@code schema_version int, family string, variant
 * string, split string, budget int, policy string, task_index long, seed long, return double,
 * oracle_return double, rewards array<float>} (length = budget), keyed by (family, variant, split,
 * budget, policy, task_index). {@code return} is the meta-episode's undiscounted total reward,
 * {@code oracle_return} the exact optimal expected return of the task for that budget, {@code seed}
 * the task's seed.
 *
 * <p>Trajectory rows ({@link #TRAJECTORIES}): {@code schema_version int, family string, variant
 * string, split string, budget int, policy string, task_index long, episode int, step int, state
 * int, episode_step int, action int, reward float, episode_end boolean}, keyed by (task_index,
 * episode, step) within one (family, variant, split, budget, policy).
 *
 * <p>Summary rows ({@link #SUMMARY}): exactly {@link #SUMMARY_COLUMNS}.
 */
public final class EvalSchemas {

  /** Value of {@code schema_version}; bump when columns change. */
  public static final int SCHEMA_VERSION = 1;

  /** Column. */
  public static final String SCHEMA_VERSION_COL = "schema_version";

  /** Column. */
  public static final String FAMILY = "family";

  /** Column. */
  public static final String VARIANT = "variant";

  /** Column. */
  public static final String SPLIT = "split";

  /** Column: the budget H in steps. */
  public static final String BUDGET = "budget";

  /** Column: the policy's canonical name. */
  public static final String POLICY = "policy";

  /** Column. */
  public static final String TASK_INDEX = "task_index";

  /** Column: the task's seed. */
  public static final String SEED = "seed";

  /** Column: total reward of the meta-episode. */
  public static final String RETURN = "return";

  /** Column: the exact optimal expected return of the task for the budget. */
  public static final String ORACLE_RETURN = "oracle_return";

  /** Column: rewards per step. */
  public static final String REWARDS = "rewards";

  /** Column: meta-episode on the task (0 is the one {@code evaluate} plays). */
  public static final String EPISODE = "episode";

  /** Column: step of the meta-episode, 0 ≤ step &lt; budget. */
  public static final String STEP = "step";

  /** Column: task state acted in. */
  public static final String STATE = "state";

  /** Column: step within the inner episode. */
  public static final String EPISODE_STEP = "episode_step";

  /** Column. */
  public static final String ACTION = "action";

  /** Column. */
  public static final String REWARD = "reward";

  /** Column: whether the step ended an inner episode. */
  public static final String EPISODE_END = "episode_end";

  /** Summary column. */
  public static final String N_TASKS = "n_tasks";

  /** Summary column. */
  public static final String MEAN_RETURN = "mean_return";

  /** Summary column: sample standard deviation (n − 1) / sqrt(n). */
  public static final String SE_RETURN = "se_return";

  /** Summary column: mean_return / oracle_return. */
  public static final String FRACTION_OF_ORACLE = "fraction_of_oracle";

  /** The columns of summary.csv, summary.md and the summary Parquet, in order. */
  public static final List<String> SUMMARY_COLUMNS =
      List.of(
          FAMILY,
          VARIANT,
          SPLIT,
          BUDGET,
          POLICY,
          N_TASKS,
          MEAN_RETURN,
          SE_RETURN,
          ORACLE_RETURN,
          FRACTION_OF_ORACLE);

  /** Key of the per-task rows. */
  public static final List<String> RESULT_KEYS =
      List.of(FAMILY, VARIANT, SPLIT, BUDGET, POLICY, TASK_INDEX);

  /** Key of the trajectory rows. */
  public static final List<String> TRAJECTORY_KEYS = List.of(TASK_INDEX, EPISODE, STEP);

  /** Per-task evaluation rows. */
  public static final StructType RESULTS =
      schema(
          field(SCHEMA_VERSION_COL, DataTypes.IntegerType),
          field(FAMILY, DataTypes.StringType),
          field(VARIANT, DataTypes.StringType),
          field(SPLIT, DataTypes.StringType),
          field(BUDGET, DataTypes.IntegerType),
          field(POLICY, DataTypes.StringType),
          field(TASK_INDEX, DataTypes.LongType),
          field(SEED, DataTypes.LongType),
          field(RETURN, DataTypes.DoubleType),
          field(ORACLE_RETURN, DataTypes.DoubleType),
          field(REWARDS, DataTypes.createArrayType(DataTypes.FloatType, false)));

  /** Trajectory rows. */
  public static final StructType TRAJECTORIES =
      schema(
          field(SCHEMA_VERSION_COL, DataTypes.IntegerType),
          field(FAMILY, DataTypes.StringType),
          field(VARIANT, DataTypes.StringType),
          field(SPLIT, DataTypes.StringType),
          field(BUDGET, DataTypes.IntegerType),
          field(POLICY, DataTypes.StringType),
          field(TASK_INDEX, DataTypes.LongType),
          field(EPISODE, DataTypes.IntegerType),
          field(STEP, DataTypes.IntegerType),
          field(STATE, DataTypes.IntegerType),
          field(EPISODE_STEP, DataTypes.IntegerType),
          field(ACTION, DataTypes.IntegerType),
          field(REWARD, DataTypes.FloatType),
          field(EPISODE_END, DataTypes.BooleanType));

  /** The published summary. */
  public static final StructType SUMMARY =
      schema(
          field(FAMILY, DataTypes.StringType),
          field(VARIANT, DataTypes.StringType),
          field(SPLIT, DataTypes.StringType),
          field(BUDGET, DataTypes.IntegerType),
          field(POLICY, DataTypes.StringType),
          field(N_TASKS, DataTypes.LongType),
          field(MEAN_RETURN, DataTypes.DoubleType),
          field(SE_RETURN, DataTypes.DoubleType),
          field(ORACLE_RETURN, DataTypes.DoubleType),
          field(FRACTION_OF_ORACLE, DataTypes.DoubleType));

  private EvalSchemas() {}

  /** What readers of per-task evaluation rows require. */
  public static ExpectedSchema expectedResults() {
    return new ExpectedSchema(RESULTS, RESULT_KEYS);
  }

  /** What readers of trajectories require. */
  public static ExpectedSchema expectedTrajectories() {
    return new ExpectedSchema(TRAJECTORIES, TRAJECTORY_KEYS);
  }

  /** What readers of the summary Parquet require. */
  public static ExpectedSchema expectedSummary() {
    return new ExpectedSchema(SUMMARY, List.of(FAMILY, VARIANT, SPLIT, BUDGET, POLICY));
  }

  static StructField field(String name, DataType type) {
    return DataTypes.createStructField(name, type, false);
  }

  private static StructType schema(StructField... fields) {
    return DataTypes.createStructType(fields);
  }
}
