package org.rl3spark.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rl3spark.jobs.TestConfigs;

/**
 * Issue 16, item 3: a typo in a {@code spark.conf} key, which Spark would ignore silently, is a
 * config error with a "did you mean"; real settings, including ones Spark reads by prefix or from
 * plugins, pass.
 */
class SparkConfTyposTest {

  @TempDir Path dir;

  @Test
  void typosAreRefusedWithTheSettingTheyResemble() {
    ConfigProblems e =
        catchThrowableOfType(
            () ->
                TestConfigs.load(
                    dir,
                    "spark.conf {\n"
                        + "  \"spark.sql.shufle.partitions\" = 8\n"
                        + "  \"spark.executor.memroy\" = 2g\n"
                        + "  \"sprak.task.maxFailures\" = 4\n"
                        + "  \"sql.shuffle.partitions\" = 8\n"
                        + "}"),
            ConfigProblems.class);

    assertThat(e).isNotNull();
    assertThat(e.problems())
        .extracting(ConfigProblem::path)
        .containsExactlyInAnyOrder(
            "spark.conf.\"spark.sql.shufle.partitions\"",
            "spark.conf.\"spark.executor.memroy\"",
            "spark.conf.\"sprak.task.maxFailures\"",
            "spark.conf.\"sql.shuffle.partitions\"");
    assertThat(e.getMessage())
        .contains(
            "spark.conf.\"spark.sql.shufle.partitions\": not a setting Spark knows (it would"
                + " ignore it silently): did you mean 'spark.sql.shuffle.partitions'?")
        .contains("did you mean 'spark.executor.memory'?")
        .contains(
            "spark.conf.\"sprak.task.maxFailures\": Spark settings start with 'spark.'"
                + " (Spark ignores others) (did you mean 'spark.task.maxFailures'?)")
        .contains("did you mean 'spark.sql.shuffle.partitions'?");
  }

  @Test
  void realSettingsPrefixedSettingsAndPluginSettingsPass() {
    SparkConfig s =
        TestConfigs.load(
                dir,
                "spark.conf {\n"
                    + "  \"spark.sql.shuffle.partitions\" = 8\n"
                    + "  \"spark.executor.memory\" = 2g\n"
                    + "  \"spark.hadoop.fs.s3a.endpoint\" = \"http://x\"\n"
                    + "  \"spark.executorEnv.OMP_NUM_THREADS\" = 1\n"
                    + "  \"spark.task.resource.gpu.amount\" = 1\n"
                    + "  \"spark.rapids.sql.enabled\" = true\n"
                    + "}")
            .config()
            .spark();
    assertThat(s.conf()).hasSize(6);
    assertThat(SparkSettings.known())
        .as("Spark's registry was read")
        .contains("spark.sql.shuffle.partitions", "spark.task.maxFailures");
  }
}
