package org.rl3spark.jobs.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rl3spark.core.task.Task;
import org.rl3spark.envs.Families;
import org.rl3spark.envs.family.ConformanceSample;
import org.rl3spark.envs.family.FamilySupport;
import org.rl3spark.envs.family.SummaryColumn;
import org.rl3spark.jobs.SparkTestSessions;
import org.rl3spark.jobs.TestConfigs;
import org.rl3spark.jobs.config.Rl3Config;

/**
 * The Spark side of every registered family ({@link Families}): its tasks round-trip through
 * Parquet with the schema built from its registration, its summary has its columns, and the
 * defaults carry its {@code family.<name>} block. The schemas and summary columns of the families
 * registered first are pinned as they were before the registry, so that datasets and notebooks keep
 * reading them. The envs side is {@code envs}' {@code RegisteredFamiliesTest}.
 */
class RegisteredFamilyTablesTest {

  private static final long MASTER = 11L;
  private static final int TASKS = 3;

  private static SparkSession spark;

  @TempDir static Path dir;

  @BeforeAll
  static void startSpark() {
    spark = SparkTestSessions.start("local[2]");
  }

  @AfterAll
  static void stopSpark() {
    SparkTestSessions.stop(spark);
  }

  static Stream<FamilySupport<?>> families() {
    return Families.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("families")
  void tasksRoundTripThroughParquetAndHaveASummary(FamilySupport<?> f) {
    for (ConformanceSample s : f.conformanceSamples()) {
      List<Task> tasks = new ArrayList<>();
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < TASKS; i++) {
        Task t = s.family().generate(s.split(), i, MASTER);
        tasks.add(t);
        rows.add(TaskRows.toRow(s.family(), t));
      }
      StructType schema = TaskSchemas.forFamily(f.name());
      String path = dir.resolve(s.name()).toString();
      spark.createDataFrame(rows, schema).coalesce(1).write().parquet(path);
      Dataset<Row> read = spark.read().schema(schema).parquet(path);
      List<Task> back =
          read.collectAsList().stream()
              .map(TaskRows::toTask)
              .sorted(Comparator.comparingLong(t -> t.id().index()))
              .toList();
      assertThat(back).as("%s tasks read back from Parquet", s.name()).isEqualTo(tasks);

      TaskSummary summary = TaskSummary.compute(read, f.name());
      List<String> names = f.summary().stream().map(SummaryColumn::name).toList();
      assertThat(summary.nTasks()).isEqualTo(TASKS);
      assertThat(summary.stats().keySet())
          .as("%s summary", s.name())
          .containsExactlyElementsOf(names);
      assertThat(summary.stats().values()).allSatisfy(v -> assertThat(v).isFinite());
      assertThat(TaskSummary.STAT_COLUMNS).containsAll(names);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("families")
  void theDefaultsHoldTheFamilyBlock(FamilySupport<?> f) {
    Rl3Config c = TestConfigs.load(dir, "").config();
    assertThat(c.family().get(f.name())).isInstanceOf(f.configType());
    assertThat(c.family().get(f.name()).toFamily().family()).isEqualTo(f.name());
  }

  @Test
  void theFirstFamiliesKeepTheirSchemas() {
    assertThat(TaskSchemas.forFamily("bandits"))
        .isEqualTo(
            schema(
                field("arms", DataTypes.IntegerType),
                field("p", doubles()),
                field("best_arm_p", DataTypes.DoubleType)));
    assertThat(TaskSchemas.forFamily("mdps"))
        .isEqualTo(
            schema(
                field("states", DataTypes.IntegerType),
                field("actions", DataTypes.IntegerType),
                field("alpha", DataTypes.DoubleType),
                field("transitions", doubles()),
                field("mean_rewards", doubles()),
                field("oracle_episode_return", DataTypes.DoubleType),
                field("noise_std", DataTypes.DoubleType),
                field("episode_length", DataTypes.IntegerType),
                field("start_state", DataTypes.IntegerType)));
    assertThat(TaskSchemas.forFamily("gridworld"))
        .isEqualTo(
            schema(
                field("side", DataTypes.IntegerType),
                field("slip", DataTypes.DoubleType),
                field("layout", DataTypes.StringType),
                field("attempts", DataTypes.IntegerType),
                field("optimal_return_100", DataTypes.DoubleType),
                field("obstacle_fraction", DataTypes.DoubleType),
                field("wet_fraction", DataTypes.DoubleType),
                field("danger_count", DataTypes.IntegerType)));
  }

  @Test
  void theFirstFamiliesKeepTheirSummaryColumns() {
    assertThat(TaskSummary.STAT_COLUMNS)
        .startsWith(
            "mean_best_arm_p",
            "mean_oracle_episode_return",
            "acceptance_rate",
            "mean_optimal_return_100",
            "obstacle_fraction",
            "wet_fraction",
            "danger_count");
  }

  private static StructType schema(StructField... specific) {
    List<StructField> fields = new ArrayList<>();
    fields.add(field("schema_version", DataTypes.IntegerType));
    fields.add(field("family", DataTypes.StringType));
    fields.add(field("variant", DataTypes.StringType));
    fields.add(field("split", DataTypes.StringType));
    fields.add(field("task_index", DataTypes.LongType));
    fields.add(field("seed", DataTypes.LongType));
    fields.addAll(List.of(specific));
    return DataTypes.createStructType(fields);
  }

  private static StructField field(String name, DataType type) {
    return DataTypes.createStructField(name, type, false);
  }

  private static DataType doubles() {
    return DataTypes.createArrayType(DataTypes.DoubleType, false);
  }
}
