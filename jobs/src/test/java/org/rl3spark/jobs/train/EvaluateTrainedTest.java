package org.rl3spark.jobs.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.rl3spark.core.policy.Policy;
import org.rl3spark.jobs.SparkTestSessions;
import org.rl3spark.jobs.TestConfigs;
import org.rl3spark.jobs.config.CheckpointPolicies;
import org.rl3spark.jobs.config.LoadedConfig;
import org.rl3spark.jobs.eval.EvaluateJob;
import org.rl3spark.learner.dl4j.Nd4jThreads;

/** A trained agent in the evaluate job's table, named by its algorithm, and the config checks. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvaluateTrainedTest {

  @TempDir static Path dir;
  private SparkSession spark;
  private Path run;

  @BeforeAll
  void trainOnce() throws Exception {
    Nd4jThreads.set(1);
    spark = SparkTestSessions.start("local[2]");
    LoadedConfig c =
        TestConfigs.load(
            dir.resolve("train"),
            TrainJobTest.CONF,
            "train.iterations=2",
            "output.dir=\"" + dir.resolve("out") + "\"");
    run = Path.of(new TrainJob().run(TestConfigs.context(spark, c, TrainJob.NAME)));
  }

  @AfterAll
  void stop() {
    SparkTestSessions.stop(spark);
  }

  String evalConf(String policies, int budget) {
    return "master-seed = 7\nfamily.bandits.arms = 3\nevaluate {\n name = \"e\"\n count = 20\n"
        + " sets = [{ family = bandits, split = test }]\n budgets = ["
        + budget
        + "]\n"
        + " policies = ["
        + policies
        + "]\n}\noutput.dir = \""
        + dir.resolve("eval")
        + "\"\n";
  }

  @Test
  void aCheckpointPolicyAppearsInTheSummaryNamedByItsAlgorithm() throws Exception {
    LoadedConfig c =
        TestConfigs.load(dir.resolve("e1"), evalConf("\"random\", \"checkpoint:" + run + "\"", 10));
    Path out =
        Path.of(
            java.net.URI.create(
                new EvaluateJob().run(TestConfigs.context(spark, c, EvaluateJob.NAME))));
    List<String> lines = Files.readAllLines(out.resolve(EvaluateJob.SUMMARY_CSV));
    String row =
        lines.stream().filter(l -> l.contains("rl3(run=t,it=2)")).findFirst().orElseThrow();
    assertThat(row).startsWith("bandits,k3,test,10,\"rl3(run=t,it=2)\",20,");
    Policy p = CheckpointPolicies.create("checkpoint:" + run);
    assertThat(p.name()).isEqualTo("rl3(run=t,it=2)");
    double mean = Double.parseDouble(row.split("\",")[1].split(",")[1]);
    assertThat(mean).isBetween(0.0, 10.0);
    double fromRows =
        spark
            .read()
            .parquet(out.resolve(EvaluateJob.RESULTS_DIR).toString())
            .filter("policy = 'rl3(run=t,it=2)'")
            .agg(org.apache.spark.sql.functions.avg("return"))
            .first()
            .getDouble(0);
    assertThat(mean).isCloseTo(fromRows, org.assertj.core.data.Offset.offset(1e-9));
  }

  /** The same agent acting greedily is another policy: its own name, its own returns. */
  @Test
  void aGreedyCheckpointPolicyIsTheArgmaxOfTheSameAgent() throws Exception {
    LoadedConfig c =
        TestConfigs.load(
            dir.resolve("e-greedy"),
            evalConf("\"checkpoint:" + run + "\", \"checkpoint-greedy:" + run + "\"", 10));
    Path out =
        Path.of(
            java.net.URI.create(
                new EvaluateJob().run(TestConfigs.context(spark, c, EvaluateJob.NAME))));
    List<String> lines = Files.readAllLines(out.resolve(EvaluateJob.SUMMARY_CSV));
    assertThat(lines).anyMatch(l -> l.contains("\"rl3(run=t,it=2,greedy)\",20,"));
    assertThat(lines).anyMatch(l -> l.contains("\"rl3(run=t,it=2)\",20,"));
    Policy g = CheckpointPolicies.create("checkpoint-greedy:" + run);
    assertThat(g.name()).isEqualTo("rl3(run=t,it=2,greedy)");
    List<org.apache.spark.sql.Row> rows =
        spark
            .read()
            .parquet(out.resolve(EvaluateJob.RESULTS_DIR).toString())
            .filter("policy = 'rl3(run=t,it=2,greedy)'")
            .collectAsList();
    assertThat(rows).hasSize(20);
  }

  /**
   * Issue 16 item 4: a run whose newest checkpoint is damaged is evaluated with the older one, and
   * the job says so on stderr and in the manifest (which checkpoint, instead of which, why).
   */
  @Test
  void aDamagedNewestCheckpointFallsBackLoudly() throws Exception {
    Path copy = dir.resolve("damaged-run");
    org.rl3spark.jobs.publish.LocalTrees.copy(run, copy);
    Path older = org.rl3spark.learner.policy.Checkpoints.of(copy, 2);
    Path newer = org.rl3spark.learner.policy.Checkpoints.of(copy, 4);
    org.rl3spark.jobs.publish.LocalTrees.copy(older, newer);
    Files.write(newer.resolve("critic.params"), new byte[] {1, 2, 3, 4});
    String entry = "checkpoint:" + copy;
    LoadedConfig c =
        TestConfigs.load(
            dir.resolve("e-fallback"),
            evalConf("\"" + entry + "\"", 10).replace("name = \"e\"", "name = \"fallback\""));
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    Path out =
        Path.of(
            java.net.URI.create(
                new EvaluateJob()
                    .run(
                        TestConfigs.context(
                            spark,
                            c,
                            EvaluateJob.NAME,
                            new java.io.ByteArrayOutputStream(),
                            err))));

    assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains("rl3 evaluate: " + entry + ": checkpoint " + newer + " is damaged")
        .contains("critic.params has 4 bytes")
        .contains("using the older ckpt-00000002");
    org.rl3spark.jobs.publish.Manifest m =
        org.rl3spark.jobs.publish.Manifest.fromJson(
            Files.readString(out.resolve(org.rl3spark.jobs.publish.Manifest.FILE_NAME)), "test");
    assertThat(m.fallbacks())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.entry()).isEqualTo(entry);
              assertThat(f.used()).isEqualTo(older.toString());
              assertThat(f.skipped()).isEqualTo(newer.toString());
              assertThat(f.reason()).contains("critic.params has 4 bytes");
            });
    assertThat(Files.readAllLines(out.resolve(EvaluateJob.SUMMARY_CSV)))
        .anyMatch(l -> l.contains("\"rl3(run=t,it=2)\",20,"));
    assertThat(Files.readAllBytes(newer.resolve("critic.params")))
        .as("an evaluation never touches the run")
        .containsExactly(1, 2, 3, 4);
  }

  @Test
  void badCheckpointPoliciesAreConfigErrors() {
    assertThatThrownBy(
            () ->
                TestConfigs.load(
                    dir.resolve("e2"),
                    evalConf("\"checkpoint:" + dir.resolve("nothing") + "\"", 10)))
        .hasMessageContaining("neither a checkpoint nor a training run");
    assertThatThrownBy(
            () -> TestConfigs.load(dir.resolve("e3"), evalConf("\"checkpoint:" + run + "\"", 50)))
        .hasMessageContaining("trained with H = 10");
    assertThatThrownBy(
            () ->
                TestConfigs.load(
                    dir.resolve("e4"),
                    evalConf("\"checkpoint:" + run + "\"", 10).replace("arms = 3", "arms = 4")))
        .hasMessageContaining("inputs");
  }
}
