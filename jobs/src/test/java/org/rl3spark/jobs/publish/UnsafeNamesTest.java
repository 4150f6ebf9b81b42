package org.rl3spark.jobs.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rl3spark.jobs.SparkTestSessions;
import org.rl3spark.jobs.TestConfigs;
import org.rl3spark.jobs.config.ConfigProblem;
import org.rl3spark.jobs.config.ConfigProblems;

/**
 * R14, names that would climb out of the output root: every config key that becomes a path segment
 * refuses {@code ../x} before Spark starts, naming the key; a {@code ../x} partition value (which
 * only data could bring) lands escaped inside the root, and reads back unchanged.
 */
class UnsafeNamesTest {

  @TempDir Path dir;

  @Test
  void everyNameThatBecomesAPathRefusesDotDotNamingTheKey() {
    List<String> keys =
        List.of(
            "train.name",
            "evaluate.name",
            "rollout.name",
            "render.name",
            "tasks.family",
            "family.gridworld.variant");
    ConfigProblems e =
        catchThrowableOfType(
            () ->
                TestConfigs.load(
                    dir, "", keys.stream().map(k -> k + "=\"../x\"").toArray(String[]::new)),
            ConfigProblems.class);
    assertThat(e).as("a config error before any Spark context").isNotNull();
    assertThat(e.problems())
        .extracting(ConfigProblem::path)
        .containsExactlyInAnyOrder(
            "train.name",
            "evaluate.name",
            "rollout.name",
            "render.name",
            "tasks.family",
            "family.gridworld");
    assertThat(e.problems()).allSatisfy(p -> assertThat(p.message()).contains("../x"));
  }

  @Test
  void aDotDotPartitionValueLandsEscapedInsideTheRoot() throws Exception {
    SparkSession spark = SparkTestSessions.start("local[1]");
    try {
      Path root = dir.resolve("root/out");
      StructType schema =
          new StructType().add("family", DataTypes.StringType).add("x", DataTypes.IntegerType);
      spark
          .createDataFrame(
              List.of(RowFactory.create("../x", 1), RowFactory.create("a/b", 2)), schema)
          .write()
          .partitionBy("family")
          .parquet(root.toString());

      try (Stream<Path> s = Files.list(root)) {
        assertThat(s.filter(Files::isDirectory).map(p -> p.getFileName().toString()))
            .containsExactlyInAnyOrder("family=..%2Fx", "family=a%2Fb");
      }
      try (Stream<Path> s = Files.list(dir.resolve("root"))) {
        assertThat(s.map(p -> p.getFileName().toString()))
            .as("nothing beside the root")
            .containsExactly("out");
      }
      List<Row> back = spark.read().parquet(root.toString()).orderBy("x").collectAsList();
      assertThat(back).extracting(r -> r.<String>getAs("family")).containsExactly("../x", "a/b");
    } finally {
      SparkTestSessions.stop(spark);
    }
  }
}
