package org.rl3spark.jobs.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rl3spark.core.task.Split;
import org.rl3spark.core.task.Task;
import org.rl3spark.core.task.TaskFamily;
import org.rl3spark.envs.bandit.BanditTask;
import org.rl3spark.envs.grid.GridTask;
import org.rl3spark.envs.grid.Tile;
import org.rl3spark.envs.mdp.RandomMdpTask;
import org.rl3spark.jobs.JobContext;
import org.rl3spark.jobs.SparkTestSessions;
import org.rl3spark.jobs.TestConfigs;
import org.rl3spark.jobs.config.LoadedConfig;
import org.rl3spark.jobs.publish.PublishedDataset;

/** The {@code tasks} job end to end, for each family, on a shared local[2] session. */
class TasksJobTest {

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

  /** Everything one run produced. */
  private record Run(
      LoadedConfig config,
      JobContext ctx,
      Path out,
      List<Row> rows,
      String report,
      PublishedDataset dataset) {
    TaskFamily family() {
      return config.config().tasksFamily();
    }

    Split split() {
      return config.config().tasks().split();
    }

    long seed() {
      return config.config().masterSeed();
    }
  }

  private Run run(String hocon) throws Exception {
    LoadedConfig config =
        TestConfigs.load(dir, hocon + "\noutput.dir = \"" + dir.resolve("out") + "\"");
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    JobContext ctx = TestConfigs.context(spark, config, "tasks", report);
    String published = new TasksJob().run(ctx);
    Path out = Path.of(java.net.URI.create(published));
    PublishedDataset ds =
        PublishedDataset.open(
            spark, published, TaskSchemas.expected(config.config().tasks().family()));
    List<Row> rows =
        ds.rows().collectAsList().stream()
            .sorted(Comparator.comparingLong(r -> r.<Long>getAs(TaskSchemas.TASK_INDEX)))
            .toList();
    return new Run(config, ctx, out, rows, report.toString(StandardCharsets.UTF_8), ds);
  }

  /** Checks shared by every family: location, schema, keys, generator agreement, manifest. */
  private void checkCommon(Run r, long count, String relative) throws Exception {
    assertThat(r.out()).as("published location").isEqualTo(dir.resolve("out").resolve(relative));
    assertThat(r.rows()).as("rows").hasSize((int) count);
    assertThat(r.rows())
        .extracting(row -> row.<Long>getAs(TaskSchemas.TASK_INDEX))
        .as("task indices: unique, exactly 0..count-1")
        .containsExactlyElementsOf(java.util.stream.LongStream.range(0, count).boxed().toList());
    assertThat(r.dataset().rows().schema().fields())
        .extracting(StructField::name)
        .containsExactly(TaskSchemas.forFamily(r.family().family()).fieldNames());
    for (Row row : r.rows()) {
      long index = row.getAs(TaskSchemas.TASK_INDEX);
      Task expected = r.family().generate(r.split(), index, r.seed());
      assertThat(TaskRows.toTask(row))
          .as("row %d rebuilds family.generate", index)
          .isEqualTo(expected);
      assertThat(row.<Long>getAs(TaskSchemas.SEED))
          .isEqualTo(r.family().taskSeed(r.split(), index, r.seed()));
      assertThat(row.<Integer>getAs(TaskSchemas.SCHEMA_VERSION_COL)).isEqualTo(1);
      assertThat(row.<String>getAs(TaskSchemas.FAMILY)).isEqualTo(r.family().family());
      assertThat(row.<String>getAs(TaskSchemas.VARIANT)).isEqualTo(r.family().variant());
      assertThat(row.<String>getAs(TaskSchemas.SPLIT)).isEqualTo(r.split().id());
    }

    JsonNode m = new ObjectMapper().readTree(r.out().resolve("_MANIFEST.json").toFile());
    for (String field :
        List.of(
            "job",
            "run_id",
            "master_seed",
            "git_commit",
            "project_version",
            "versions",
            "platform",
            "start_time",
            "end_time",
            "datasets",
            "config")) {
      assertThat(m.has(field)).as("manifest field %s", field).isTrue();
    }
    assertThat(m.get("job").asText()).isEqualTo("tasks");
    assertThat(m.get("run_id").asText()).isEqualTo(r.ctx().run().runId());
    assertThat(m.get("master_seed").asLong()).isEqualTo(r.seed());
    assertThat(m.get("versions").get("spark").asText()).isEqualTo(spark.version());
    assertThat(m.get("versions").get("java").asText())
        .isEqualTo(System.getProperty("java.version"));
    assertThat(m.get("versions").get("scala").asText()).startsWith("2.12");
    assertThat(m.get("platform").get("arch").asText()).isEqualTo(System.getProperty("os.arch"));
    assertThat(Instant.parse(m.get("end_time").asText()))
        .isAfterOrEqualTo(Instant.parse(m.get("start_time").asText()));
    assertThat(m.get("config").get("tasks").get("count").asLong()).isEqualTo(count);
    JsonNode ds = m.get("datasets").get(0);
    assertThat(ds.get("rows").asLong()).as("manifest row count").isEqualTo(count);
    List<String> listed =
        java.util.stream.StreamSupport.stream(ds.get("files").spliterator(), false)
            .map(f -> f.get("path").asText())
            .sorted()
            .toList();
    try (Stream<Path> files = Files.list(r.out().resolve(TaskStage.PARQUET_DIR))) {
      assertThat(listed)
          .as("manifest lists exactly the Parquet files")
          .containsExactlyElementsOf(
              files
                  .map(p -> TaskStage.PARQUET_DIR + "/" + p.getFileName())
                  .filter(n -> n.endsWith(".parquet") && !n.startsWith("."))
                  .sorted()
                  .toList());
    }
    assertThat(r.report()).contains("n_tasks").contains(r.out().toString());
    try (Stream<Path> siblings = Files.list(r.out().getParent())) {
      assertThat(siblings.map(p -> p.getFileName().toString()))
          .as("no staging or previous directories left")
          .containsExactly(r.split().id());
    }
  }

  /** summary.csv, parsed: header and the single data line. */
  private static List<String[]> summary(Run r) throws Exception {
    List<String> lines = Files.readAllLines(r.out().resolve("summary.csv"));
    assertThat(lines).as("summary.csv: header and one row").hasSize(2);
    return List.of(lines.get(0).split(",", -1), lines.get(1).split(",", -1));
  }

  private static double mean(List<Row> rows, ToDoubleFunction<Row> f) {
    return rows.stream().mapToDouble(f).average().orElseThrow();
  }

  @Test
  void bandits() throws Exception {
    Run r = run("tasks { family = bandits, split = test, count = 200 }\nspark.partitions = 3");
    checkCommon(r, 200, "tasks/bandits/k5/test");
    for (Row row : r.rows()) {
      BanditTask t = (BanditTask) r.family().generate(Split.TEST, row.getAs("task_index"), 42);
      assertThat(row.<Integer>getAs("arms")).isEqualTo(5);
      assertThat(TaskRows.doubles(row, "p")).containsExactly(t.p());
      assertThat(row.<Double>getAs("best_arm_p")).isEqualTo(t.bestArmProbability());
    }
    List<String[]> s = summary(r);
    assertThat(s.get(0))
        .containsExactly("family", "variant", "split", "n_tasks", "mean_best_arm_p");
    assertThat(s.get(1)).startsWith("bandits", "k5", "test", "200");
    double expected =
        mean(
            r.rows(),
            row ->
                java.util.Arrays.stream(TaskRows.doubles(row, "p"))
                    .map(p -> Math.min(1, Math.max(0, p)))
                    .max()
                    .orElseThrow());
    assertThat(Double.parseDouble(s.get(1)[4])).isCloseTo(expected, within(1e-12));
    assertThat(expected).as("E[max of 5 uniforms] = 5/6").isCloseTo(5.0 / 6, within(0.04));
  }

  @Test
  void mdps() throws Exception {
    Run r = run("tasks { family = mdps, split = ood, count = 100 }");
    checkCommon(r, 100, "tasks/mdps/s10a5/ood");
    for (Row row : r.rows()) {
      RandomMdpTask t = (RandomMdpTask) r.family().generate(Split.OOD, row.getAs("task_index"), 42);
      assertThat(row.<Double>getAs("alpha")).as("OOD Dirichlet concentration").isEqualTo(0.25);
      assertThat(TaskRows.doubles(row, "transitions")).containsExactly(t.transitions());
      assertThat(TaskRows.doubles(row, "mean_rewards")).containsExactly(t.meanRewards());
      assertThat(row.<Integer>getAs("states")).isEqualTo(10);
      assertThat(row.<Integer>getAs("actions")).isEqualTo(5);
    }
    List<String[]> s = summary(r);
    assertThat(s.get(0))
        .containsExactly("family", "variant", "split", "n_tasks", "mean_oracle_episode_return");
    assertThat(s.get(1)).startsWith("mdps", "s10a5", "ood", "100");
    double expected = mean(r.rows(), row -> row.getAs("oracle_episode_return"));
    assertThat(Double.parseDouble(s.get(1)[4])).isCloseTo(expected, within(1e-9));
    assertThat(expected)
        .as("10 steps of rewards ~ N(1, 1), chosen optimally")
        .isBetween(15.0, 30.0);
  }

  @Test
  void gridworld() throws Exception {
    Run r =
        run(
            "tasks { family = gridworld, split = test, count = 30 }\n"
                + "family.gridworld.variant = 11x11");
    checkCommon(r, 30, "tasks/gridworld/11x11/test");
    long attempts = 0;
    for (Row row : r.rows()) {
      GridTask t = (GridTask) r.family().generate(Split.TEST, row.getAs("task_index"), 42);
      assertThat(row.<String>getAs("layout")).isEqualTo(t.layout());
      assertThat(row.<Integer>getAs("attempts")).isEqualTo(t.attempts());
      assertThat(row.<Integer>getAs("danger_count")).isEqualTo(t.count(Tile.DANGER));
      assertThat(row.<Double>getAs("optimal_return_100")).isBetween(50.0, 100.0);
      attempts += t.attempts();
    }
    List<String[]> s = summary(r);
    assertThat(s.get(0))
        .containsExactly(
            "family",
            "variant",
            "split",
            "n_tasks",
            "acceptance_rate",
            "mean_optimal_return_100",
            "obstacle_fraction",
            "wet_fraction",
            "danger_count");
    assertThat(s.get(1)).startsWith("gridworld", "11x11", "test", "30");
    double[] expected = {
      30.0 / attempts,
      mean(r.rows(), row -> row.getAs("optimal_return_100")),
      mean(
          r.rows(),
          row -> ((String) row.getAs("layout")).chars().filter(c -> c == 'O').count() / 121.0),
      mean(
          r.rows(),
          row -> ((String) row.getAs("layout")).chars().filter(c -> c == 'W').count() / 121.0),
      mean(r.rows(), row -> ((String) row.getAs("layout")).chars().filter(c -> c == 'X').count()),
    };
    for (int i = 0; i < expected.length; i++) {
      assertThat(Double.parseDouble(s.get(1)[4 + i]))
          .as(s.get(0)[4 + i])
          .isCloseTo(expected[i], within(1e-9));
    }
  }
}
