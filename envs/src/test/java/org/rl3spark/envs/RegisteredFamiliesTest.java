package org.rl3spark.envs;

import static java.util.stream.Collectors.toSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rl3spark.core.policy.PolicySpec;
import org.rl3spark.core.task.Task;
import org.rl3spark.envs.bandit.BanditsConfig;
import org.rl3spark.envs.conformance.EnvRegistry;
import org.rl3spark.envs.family.ColumnType;
import org.rl3spark.envs.family.ColumnValues;
import org.rl3spark.envs.family.ConformanceSample;
import org.rl3spark.envs.family.FamilySupport;
import org.rl3spark.envs.family.SummaryColumn;
import org.rl3spark.envs.family.TaskColumn;
import org.rl3spark.envs.grid.GridworldConfig;
import org.rl3spark.envs.mdp.MdpsConfig;

/**
 * Every family of the registry ({@link Families}) is complete: the conformance suite plays its
 * samples, its row layout round-trips its tasks, its statistics and summary name its columns, it
 * accepts the common policies, and its settings record can be bound to a config block. The Spark
 * side (Parquet and the summary's aggregation) is checked by {@code jobs}' {@code
 * RegisteredFamilyTablesTest}.
 */
class RegisteredFamiliesTest {

  private static final long MASTER = 7L;

  static Stream<FamilySupport<?>> families() {
    return Families.all().stream();
  }

  @Test
  void namesAreUniqueAndLookedUp() {
    assertThat(Families.names()).doesNotHaveDuplicates().startsWith("bandits", "mdps", "gridworld");
    for (FamilySupport<?> f : Families.all()) {
      assertThat(Families.get(f.name())).isSameAs(f);
    }
    assertThatThrownBy(() -> Families.get("chess"))
        .hasMessage(
            "unknown family 'chess': expected one of " + String.join(", ", Families.names()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("families")
  void theConformanceSuitePlaysEverySampleUnderEveryWrapper(FamilySupport<?> f) {
    Set<String> entries =
        EnvRegistry.entries().stream().map(EnvRegistry.EnvEntry::name).collect(toSet());
    assertThat(f.conformanceSamples()).as("%s has conformance samples", f.name()).isNotEmpty();
    for (ConformanceSample s : f.conformanceSamples()) {
      assertThat(s.family().family()).as(s.name()).isEqualTo(f.name());
      for (String wrapper : List.of("raw", "rl2", "rl3", "rl3-successor-cache", "rl3-paper")) {
        assertThat(entries).as("conformance entries").contains(s.name() + "/" + wrapper);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("families")
  void rowValuesFollowTheColumnsAndRebuildTheTask(FamilySupport<?> f) {
    List<TaskColumn> columns = f.columns();
    for (ConformanceSample s : f.conformanceSamples()) {
      for (int i = 0; i < 2; i++) {
        Task task = s.family().generate(s.split(), i, MASTER);
        Object[] values = f.values(s.family(), task);
        assertThat(values).as("%s: one value per column", s.name()).hasSize(columns.size());
        Map<String, Object> byName = new HashMap<>();
        for (int c = 0; c < columns.size(); c++) {
          assertThat(values[c])
              .as("%s: column %s", s.name(), columns.get(c).name())
              .isInstanceOf(javaType(columns.get(c).type()));
          byName.put(columns.get(c).name(), values[c]);
        }
        assertThat(f.task(task.id(), values(byName))).as(s.name()).isEqualTo(task);
        f.statistics(task)
            .forEach(
                (k, v) ->
                    assertThat(((Number) byName.get(k)).doubleValue())
                        .as("%s: statistic %s is its column", s.name(), k)
                        .isEqualTo(v));
        assertThat(TaskStatistics.of(task)).isEqualTo(f.statistics(task));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("families")
  void theSummaryAggregatesNumericColumns(FamilySupport<?> f) {
    assertThat(f.summary()).as("%s has a summary", f.name()).isNotEmpty();
    for (SummaryColumn c : f.summary()) {
      assertThat(f.columns())
          .as("%s: summary %s aggregates a numeric column", f.name(), c.name())
          .anySatisfy(
              col -> {
                assertThat(col.name()).isEqualTo(c.column());
                assertThat(col.type()).isIn(ColumnType.INT, ColumnType.LONG, ColumnType.DOUBLE);
              });
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("families")
  void everyFamilyAcceptsRandomAndTheOracle(FamilySupport<?> f) {
    assertThat(FamilyPolicies.names(f.name())).contains("random", "oracle");
    assertThat(FamilyPolicies.create(PolicySpec.parse("random"), f.name(), 10).name())
        .isEqualTo("random");
  }

  @Test
  void anUnregisteredFamilyHasNoPolicies() {
    assertThat(FamilyPolicies.names("chess")).isEmpty();
    assertThatThrownBy(() -> FamilyPolicies.validate(PolicySpec.parse("random"), "chess"))
        .hasMessage("no classical policies for family 'chess'");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("families")
  void theSettingsAreARecordOfConfigValues(FamilySupport<?> f) {
    assertThat(f.configType().isRecord()).as("%s settings are a record", f.name()).isTrue();
    for (RecordComponent c : f.configType().getRecordComponents()) {
      assertThat(c.getType())
          .as("%s.%s", f.name(), c.getName())
          .isIn(int.class, long.class, double.class, boolean.class, String.class);
    }
  }

  /**
   * The settings records' text is part of a training run's config hash ({@code TrainJob}): a
   * shipped agent resumes only while it stays the same.
   */
  @Test
  void theSettingsTextOfTheConfigHashIsUnchanged() {
    assertThat(new BanditsConfig(5)).hasToString("BanditsConfig[arms=5]");
    assertThat(new MdpsConfig(10, 5, 1.0, 0.25, 1.0, 1.0, 1.0, 10))
        .hasToString(
            "MdpsConfig[states=10, actions=5, alpha=1.0, oodAlpha=0.25, rewardMean=1.0,"
                + " rewardStd=1.0, noiseStd=1.0, episodeLength=10]");
    assertThat(new GridworldConfig("13x13", 50, 100, 10_000))
        .hasToString(
            "GridworldConfig[variant=13x13, minReturn=50.0, maxReturn=100.0, maxAttempts=10000]");
  }

  private static Class<?> javaType(ColumnType t) {
    return switch (t) {
      case INT -> Integer.class;
      case LONG -> Long.class;
      case DOUBLE -> Double.class;
      case STRING -> String.class;
      case DOUBLE_ARRAY -> double[].class;
    };
  }

  private static ColumnValues values(Map<String, Object> byName) {
    return new ColumnValues() {
      @Override
      public int intValue(String column) {
        return (Integer) byName.get(column);
      }

      @Override
      public double doubleValue(String column) {
        return (Double) byName.get(column);
      }

      @Override
      public String string(String column) {
        return (String) byName.get(column);
      }

      @Override
      public double[] doubles(String column) {
        return ((double[]) byName.get(column)).clone();
      }
    };
  }
}
