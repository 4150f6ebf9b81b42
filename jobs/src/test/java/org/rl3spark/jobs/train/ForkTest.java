package org.rl3spark.jobs.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.rl3spark.jobs.SparkTestSessions;
import org.rl3spark.jobs.TestConfigs;
import org.rl3spark.jobs.publish.LocalTrees;
import org.rl3spark.jobs.ship.ShippedRun;
import org.rl3spark.learner.dl4j.Checkpoint;
import org.rl3spark.learner.dl4j.Nd4jThreads;
import org.rl3spark.learner.policy.Checkpoints;

/**
 * {@code train.fork}: a new run branches from another run's checkpoint. With the parent's settings
 * it continues exactly as the parent did (same parameters and metrics, also across a resume); with
 * other settings only the iterations after the fork change; a checkpoint of other networks or of a
 * missing iteration is refused naming the problem.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForkTest {

  static final String CONF =
      """
      master-seed = 9
      family.bandits.arms = 3
      train {
        name = "parent"
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
      }
      """;

  @TempDir static Path dir;
  private SparkSession spark;
  private int runs;
  private Path parent;

  @BeforeAll
  void start() throws Exception {
    Nd4jThreads.set(1);
    spark = SparkTestSessions.start("local[2]");
    parent = train();
  }

  @AfterAll
  void stop() {
    SparkTestSessions.stop(spark);
  }

  private Path train(String... sets) throws Exception {
    List<String> all = new ArrayList<>(List.of(sets));
    all.add("output.dir=\"" + dir.resolve("out") + "\"");
    return Path.of(
        new TrainJob()
            .run(
                TestConfigs.context(
                    spark,
                    TestConfigs.load(
                        dir.resolve("conf-" + runs++), CONF, all.toArray(String[]::new)),
                    TrainJob.NAME)));
  }

  private String from() {
    return "train.fork.from=\"" + parent + "\"";
  }

  @Test
  void aForkWithTheParentsSettingsContinuesExactlyAsTheParent() throws Exception {
    Path fork = train("train.name=same", from(), "train.fork.iteration=2", "train.iterations=3");
    Path resumed = train("train.name=same", from(), "train.fork.iteration=2", "train.resume=true");
    assertThat(resumed).isEqualTo(fork);
    for (String f : List.of("actor.params", "critic.params", "actor.updater", "critic.updater")) {
      assertThat(Files.readAllBytes(Checkpoints.of(fork, 4).resolve(f)))
          .as(f)
          .isEqualTo(Files.readAllBytes(Checkpoints.of(parent, 4).resolve(f)));
    }
    assertThat(MetricsRows.withoutTimes(fork))
        .isEqualTo(MetricsRows.withoutTimes(parent))
        .hasSize(4);
    assertThat(Files.exists(Checkpoints.of(fork, 2)))
        .as("the parent's checkpoint is not copied")
        .isFalse();
    JsonNode run = new ObjectMapper().readTree(fork.resolve(TrainJob.RUN_FILE).toFile());
    assertThat(run.path("forked_from").path("run").asText()).isEqualTo("parent");
    assertThat(run.path("forked_from").path("iteration").asInt()).isEqualTo(2);
    assertThat(run.path("forked_from").path("config_hash").asText())
        .isEqualTo(Checkpoint.readState(Checkpoints.of(parent, 2)).configHash());
    assertThat(run.path("identity").asText()).contains(" fork=2 ");
  }

  @Test
  void otherSettingsChangeOnlyTheIterationsAfterTheFork() throws Exception {
    // the bonus reaches 0 at iteration 2 of its schedule instead of 4: 0 from iteration 3 on,
    // where the parent's is 0.1 (1 - 3/4)
    Path fork =
        train(
            "train.name=anneal",
            from(),
            "train.fork.iteration=2",
            "train.entropy.schedule-iterations=2");
    List<TrainMetrics> f = TrainJob.metrics(fork);
    List<TrainMetrics> p = TrainJob.metrics(parent);
    assertThat(MetricsRows.withoutTimes(fork).subList(0, 2))
        .isEqualTo(MetricsRows.withoutTimes(parent).subList(0, 2));
    assertThat(f.get(2).entropyCoef()).isZero();
    assertThat(p.get(2).entropyCoef())
        .isEqualTo(0.1 * (1 - 3 / 4.0), org.assertj.core.data.Offset.offset(1e-12));
    assertThat(f.get(2).meanReturn())
        .as("iteration 3 plays the same actor on the same tasks")
        .isEqualTo(p.get(2).meanReturn());
    assertThat(Files.readAllBytes(Checkpoints.of(fork, 4).resolve("actor.params")))
        .as("the fork's own updates")
        .isNotEqualTo(Files.readAllBytes(Checkpoints.of(parent, 4).resolve("actor.params")));
  }

  @Test
  void aForkMayFitAtAnotherLearningRateAndResumesAtIt() throws Exception {
    double lr = Checkpoint.readState(Checkpoints.of(parent, 2)).spec().learningRate();
    String slower = "train.learning-rate=" + lr / 10;
    Path fork = train("train.name=slow", from(), "train.fork.iteration=2", slower);
    assertThat(Checkpoint.readState(Checkpoints.of(fork, 4)).spec().learningRate())
        .isEqualTo(lr / 10);
    assertThat(MetricsRows.withoutTimes(fork).subList(0, 3))
        .as("iteration 3 plays the parent's actor of iteration 2")
        .isNotEqualTo(MetricsRows.withoutTimes(parent).subList(0, 3));
    // stopped at 3 and resumed: the run of 4 uninterrupted iterations
    Path part =
        train("train.name=slow2", from(), "train.fork.iteration=2", slower, "train.iterations=3");
    train("train.name=slow2", from(), "train.fork.iteration=2", slower, "train.resume=true");
    for (String f : List.of("actor.params", "critic.params", "actor.updater", "critic.updater")) {
      assertThat(Files.readAllBytes(Checkpoints.of(part, 4).resolve(f)))
          .as(f)
          .isEqualTo(Files.readAllBytes(Checkpoints.of(fork, 4).resolve(f)));
    }
  }

  @Test
  void aCheckpointThatDoesNotFitIsRefusedNamingWhy() {
    assertThatThrownBy(() -> train("train.name=x", from(), "train.fork.iteration=3"))
        .hasMessageContaining("has no checkpoint of iteration 3")
        .hasMessageContaining("checkpoints of iterations 2, 4")
        .hasMessageNotContaining("shipped copy");
    assertThatThrownBy(
            () -> train("train.name=y", from(), "train.fork.iteration=2", "train.algorithm=rl2"))
        .hasMessageContaining("is of algorithm rl3, the fork's is rl2");
    assertThatThrownBy(
            () -> train("train.name=z", from(), "train.fork.iteration=2", "family.bandits.arms=4"))
        .hasMessageContaining("the fork trains on bandits/k4");
    assertThatThrownBy(() -> train("train.name=w", from(), "train.fork.iteration=4"))
        .hasMessageContaining("train.iterations must exceed it, got 4");
    assertThatThrownBy(() -> train("train.name=v", "train.fork.iteration=2"))
        .hasMessageContaining("fork.from and fork.iteration go together");
    assertThat(dir.resolve("out/train/x")).doesNotExist();
    assertThat(dir.resolve("out/train/y")).doesNotExist();
  }

  @Test
  void aShippedCopyWithoutTheCheckpointSaysWhereInGitItIs() throws Exception {
    // a shipped copy keeps only its newest checkpoint (here 4) and has AGENT.json
    Path shipped = dir.resolve("shipped/parent");
    LocalTrees.copy(Checkpoints.of(parent, 4), Checkpoints.of(shipped, 4));
    for (String f : List.of(TrainJob.RUN_FILE, TrainJob.METRICS_CSV)) {
      Files.copy(parent.resolve(f), shipped.resolve(f));
    }
    Files.writeString(shipped.resolve(ShippedRun.AGENT_FILE), "{}");
    assertThatThrownBy(
            () ->
                train(
                    "train.name=s",
                    "train.fork.from=\"" + shipped + "\"",
                    "train.fork.iteration=2"))
        .hasMessageContaining("has no checkpoint of iteration 2")
        .hasMessageContaining("checkpoints of iterations 4")
        .hasMessageContaining("shipped copy")
        .hasMessageContaining(
            "git log --diff-filter=A --format=%h -- " + Checkpoints.of(shipped, 2))
        .hasMessageContaining("git archive <commit>");
    assertThat(dir.resolve("out/train/s")).doesNotExist();
  }
}
