package org.rl3spark.jobs.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.rl3spark.jobs.config.SparkConfig;

/** The settings a job's session is built with (no session is started). */
class SparkSessionsTest {

  private static final SparkConfig LOCAL =
      new SparkConfig("local[3]", 0, Map.of("spark.sql.shuffle.partitions", "7"));

  @Test
  void localRunsGetTheConfiguredMasterAndLoopbackDriver() {
    Map<String, String> s = SparkSessions.settings("tasks", LOCAL, new SparkConf(false), false);
    assertThat(s)
        .containsEntry("spark.master", "local[3]")
        .containsEntry("spark.app.name", "rl3-tasks")
        .containsEntry("spark.driver.host", "127.0.0.1")
        .containsEntry("spark.driver.bindAddress", "127.0.0.1")
        .containsEntry("spark.sql.shuffle.partitions", "7")
        .doesNotContainKey("spark.ui.enabled");
    assertThat(s.get("spark.executor.extraJavaOptions"))
        .contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED")
        .contains(" -Djdk.serialFilter=java.**;")
        .endsWith(";org.rl3spark.**;!*");
  }

  @Test
  void sparkSubmitsMasterWinsOverTheConfig() {
    SparkConf submitted =
        new SparkConf(false).set("spark.master", "yarn").set("spark.app.name", "x");
    Map<String, String> s = SparkSessions.settings("demo", LOCAL, submitted, false);
    assertThat(s).doesNotContainKeys("spark.master", "spark.app.name", "spark.driver.host");
  }

  @Test
  void testsTurnTheUiOffUnlessConfigured() {
    assertThat(SparkSessions.settings("tasks", LOCAL, new SparkConf(false), true))
        .containsEntry("spark.ui.enabled", "false");
    SparkConfig withUi = new SparkConfig("local[2]", 0, Map.of("spark.ui.enabled", "true"));
    assertThat(SparkSessions.settings("tasks", withUi, new SparkConf(false), true))
        .containsEntry("spark.ui.enabled", "true");
  }

  /** R16: a local run's executor is its own JVM; a pause longer than 120 s must not lose it. */
  @Test
  void localRunsKeepTheirExecutorThroughLongPausesUnlessATimeoutIsConfigured() {
    assertThat(SparkSessions.settings("train", LOCAL, new SparkConf(false), false))
        .containsEntry("spark.storage.blockManagerHeartbeatTimeoutMs", "86400000");
    SparkConfig withTimeout =
        new SparkConfig("local[2]", 0, Map.of("spark.network.timeout", "300s"));
    assertThat(SparkSessions.settings("train", withTimeout, new SparkConf(false), false))
        .doesNotContainKey("spark.storage.blockManagerHeartbeatTimeoutMs");
    SparkConfig explicit =
        new SparkConfig(
            "local[2]", 0, Map.of("spark.storage.blockManagerHeartbeatTimeoutMs", "5000"));
    assertThat(SparkSessions.settings("train", explicit, new SparkConf(false), false))
        .containsEntry("spark.storage.blockManagerHeartbeatTimeoutMs", "5000");
    SparkConfig cluster = new SparkConfig("spark://127.0.0.1:7077", 0, Map.of());
    assertThat(SparkSessions.settings("train", cluster, new SparkConf(false), false))
        .doesNotContainKey("spark.storage.blockManagerHeartbeatTimeoutMs");
  }
}
