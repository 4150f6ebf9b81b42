package org.rl3spark.jobs.ship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.rl3spark.jobs.SparkTestSessions;
import org.rl3spark.jobs.TestConfigs;
import org.rl3spark.jobs.config.LoadedConfig;
import org.rl3spark.jobs.publish.LocalTrees;
import org.rl3spark.jobs.train.MetricsRows;
import org.rl3spark.jobs.train.TrainJob;
import org.rl3spark.learner.dl4j.Nd4jThreads;
import org.rl3spark.learner.policy.Checkpoints;

/**
 * A long run stops at a checkpoint, is shipped ({@code ship}: checkpoint, settings, metrics,
 * replay), and continues from the shipped copy alone on a machine without its run directory (a
 * fresh clone) with more iterations: it ends with the parameters, Adam state and metrics of an
 * uninterrupted run of the same schedule.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShipAndResumeTest {

  /** A tiny RL3 bandit run whose entropy schedule is 4 iterations long whatever it runs. */
  static final String CONF =
      """
      master-seed = 5
      family.bandits.arms = 3
      train {
        name = "s"
        family = bandits
        algorithm = rl3
        horizon = 10
        iterations = 4
        envs = 8
        sequences-per-minibatch = 4
        epochs = 2
        entropy.schedule-iterations = 4
        entropy.block-size = 1
        checkpoint-every = 2
        keep-trajectories = 1
        ship.replay-tasks = 6
      }
      """;

  @TempDir Path dir;
  private SparkSession spark;
  private int runs;

  @BeforeAll
  void start() {
    Nd4jThreads.set(1);
    spark = SparkTestSessions.start("local[2]");
  }

  @AfterAll
  void stop() {
    SparkTestSessions.stop(spark);
  }

  private LoadedConfig config(Path out, String... sets) throws Exception {
    List<String> all = new ArrayList<>(List.of(sets));
    all.add("output.dir=\"" + out + "\"");
    return TestConfigs.load(dir.resolve("conf-" + runs++), CONF, all.toArray(String[]::new));
  }

  private Path train(Path out, String... sets) throws Exception {
    return Path.of(
        new TrainJob().run(TestConfigs.context(spark, config(out, sets), TrainJob.NAME)));
  }

  private Path ship(Path out, Path to, String... sets) throws Exception {
    List<String> all = new ArrayList<>(List.of(sets));
    all.add("train.ship.dir=\"" + to + "\"");
    return Path.of(
        new ShipJob()
            .run(
                TestConfigs.context(spark, config(out, all.toArray(String[]::new)), ShipJob.NAME)));
  }

  @Test
  void aShippedRunContinuesOnAFreshMachineToTheUninterruptedResult() throws Exception {
    Path whole = train(dir.resolve("whole"));

    Path first = dir.resolve("first-machine");
    train(first, "train.iterations=2");
    Path shipped = ship(first, dir.resolve("results/agents"), "train.iterations=2");
    assertThat(shipped).isEqualTo(dir.resolve("results/agents/s"));
    try (Stream<Path> s = Files.list(shipped.resolve(Checkpoints.DIR))) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("ckpt-00000002");
    }
    assertThat(shipped.resolve("trajectories")).doesNotExist();
    JsonNode agent = new ObjectMapper().readTree(shipped.resolve(ShippedRun.AGENT_FILE).toFile());
    assertThat(agent.path("iteration").asInt()).isEqualTo(2);
    assertThat(agent.path("env_steps").asLong()).isEqualTo(2 * 8 * 10);
    assertThat(agent.path("algorithm").asText()).isEqualTo("rl3");
    AgentReplay.Returns replay = AgentReplay.read(shipped.resolve(AgentReplay.FILE));
    assertThat(replay.returns()).hasSize(6);
    assertThat(replay.budget()).isEqualTo(10);
    assertThat(AgentReplay.play(shipped, ShippedRun.family(shipped), 6).returns())
        .as("the replay reproduces")
        .isEqualTo(replay.returns());
    // every return of 10 pulls of 3 Bernoulli arms is an integer in [0, 10]
    for (double r : replay.returns()) {
      assertThat(r).isBetween(0.0, 10.0);
      assertThat(r).isEqualTo(Math.rint(r));
    }

    // A fresh machine: no run directory, only the shipped copy.
    Path second = dir.resolve("second-machine");
    assertThatThrownBy(() -> train(second, "train.resume=true"))
        .hasMessageContaining("--resume-from");
    Path resumed = train(second, "train.resume=true", "train.resume-from=\"" + shipped + "\"");
    for (String f : List.of("actor.params", "critic.params", "actor.updater", "critic.updater")) {
      assertThat(Files.readAllBytes(Checkpoints.of(resumed, 4).resolve(f)))
          .as(f)
          .isEqualTo(Files.readAllBytes(Checkpoints.of(whole, 4).resolve(f)));
    }
    assertThat(MetricsRows.withoutTimes(resumed))
        .isEqualTo(MetricsRows.withoutTimes(whole))
        .hasSize(4);

    // Resuming again from the shipped copy with the newer local run keeps the local run.
    Path again =
        train(
            second,
            "train.resume=true",
            "train.resume-from=\"" + shipped + "\"",
            "train.iterations=4");
    assertThat(MetricsRows.withoutTimes(again)).isEqualTo(MetricsRows.withoutTimes(whole));
  }

  @Test
  void theShippedMetricsEndAtTheShippedCheckpoint() throws Exception {
    // A run stopped after iteration 4 had logged its metrics but before its checkpoint: here the
    // checkpoint of 4 is removed, so the newest is 2 and the copy's metrics must end there too.
    Path out = dir.resolve("stopped");
    Path run = train(out);
    LocalTrees.delete(Checkpoints.of(run, 4));
    assertThat(MetricsRows.withoutTimes(run)).hasSize(4);
    Path shipped = ship(out, dir.resolve("stopped-agents"));
    assertThat(MetricsRows.withoutTimes(shipped))
        .isEqualTo(MetricsRows.withoutTimes(run).subList(0, 2));
  }

  @Test
  void otherSettingsAreRefusedNamingTheKey() throws Exception {
    Path first = dir.resolve("a");
    train(first, "train.iterations=2");
    Path shipped = ship(first, dir.resolve("agents-a"), "train.iterations=2");
    assertThatThrownBy(
            () ->
                train(
                    dir.resolve("b"),
                    "train.resume=true",
                    "train.resume-from=\"" + shipped + "\"",
                    "train.learning-rate=0.001"))
        .hasMessageContaining("train.learning-rate: 3.0E-4 -> 0.001");
    assertThat(dir.resolve("b/train/s")).as("refused before anything was copied").doesNotExist();
  }
}
