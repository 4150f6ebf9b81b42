package org.rl3spark.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rl3spark.jobs.SparkTestSessions;
import org.rl3spark.jobs.TestConfigs;
import org.rl3spark.jobs.config.LoadedConfig;
import org.rl3spark.jobs.publish.PublishedDataset;
import org.rl3spark.jobs.tasks.TaskSchemas;

/** The {@code demo} job on a few small sets, on a shared local[2] session. */
class DemoJobTest {

  private static SparkSession spark;

  @TempDir Path dir;

  @BeforeAll
  static void startSpark() {
    spark = SparkTestSessions.start("local[2]");
  }

  @AfterAll
  static void stopSpark() {
    SparkTestSessions.stop(spark);
  }

  @Test
  void writesEverySetAndOneCombinedSummary() throws Exception {
    LoadedConfig config =
        TestConfigs.load(
            dir,
            "demo { count = 20, sets = [\n"
                + "  { family = bandits, split = test }\n"
                + "  { family = mdps, split = ood }\n"
                + "  { family = gridworld, variant = 13x13_corner, split = ood }\n"
                + "] }\n"
                + "output.dir = \""
                + dir.resolve("out")
                + "\"");
    ByteArrayOutputStream report = new ByteArrayOutputStream();

    String published = new DemoJob().run(TestConfigs.context(spark, config, "demo", report));

    Path demo = dir.resolve("out/demo");
    assertThat(Path.of(java.net.URI.create(published))).isEqualTo(demo);
    List<String> summary = Files.readAllLines(demo.resolve("summary.csv"));
    assertThat(summary)
        .containsExactly(
            "family,variant,split,n_tasks,mean_best_arm_p,mean_oracle_episode_return,"
                + "acceptance_rate,mean_optimal_return_100,obstacle_fraction,wet_fraction,"
                + "danger_count",
            summary.get(1),
            summary.get(2),
            summary.get(3));
    assertThat(summary.get(1)).matches("bandits,k5,test,20,[0-9.]+,,,,,,");
    assertThat(summary.get(2)).matches("mdps,s10a5,ood,20,,[0-9.]+,,,,,");
    assertThat(summary.get(3))
        .matches("gridworld,13x13_corner,ood,20,,,[0-9.]+,[0-9.]+,[0-9.]+," + "[0-9.]+,2.0");

    List<String> sets = List.of("bandits/k5/test", "mdps/s10a5/ood", "gridworld/13x13_corner/ood");
    for (String set : sets) {
      String family = set.substring(0, set.indexOf('/'));
      Path d = demo.resolve("tasks").resolve(set);
      PublishedDataset ds =
          PublishedDataset.open(spark, d.toString(), TaskSchemas.expected(family));
      assertThat(ds.rows().count()).as(set).isEqualTo(20);
      assertThat(Files.readAllLines(d.resolve("summary.csv"))).as(set).hasSize(2);
      // Plain Spark reads the Parquet directory (nothing but Parquet files in it).
      assertThat(spark.read().parquet(d.resolve("parquet").toString()).count()).isEqualTo(20);
      assertThat(report.toString(StandardCharsets.UTF_8)).contains(d.toString());
    }

    JsonNode m = new ObjectMapper().readTree(demo.resolve("_MANIFEST.json").toFile());
    assertThat(m.get("job").asText()).isEqualTo("demo");
    assertThat(m.get("datasets")).hasSize(3);
    for (int i = 0; i < 3; i++) {
      JsonNode ds = m.get("datasets").get(i);
      assertThat(ds.get("path").asText()).isEqualTo("tasks/" + sets.get(i) + "/parquet");
      assertThat(ds.get("rows").asLong()).isEqualTo(20);
      assertThat(ds.get("files").get(0).get("path").asText())
          .startsWith("tasks/" + sets.get(i) + "/parquet/part-");
    }
    assertThat(report.toString(StandardCharsets.UTF_8))
        .contains("mean_best_arm_p")
        .contains("13x13_corner")
        .contains(demo.resolve("summary.csv").toString());
    try (var siblings = Files.list(dir.resolve("out"))) {
      assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("demo");
    }
  }
}
