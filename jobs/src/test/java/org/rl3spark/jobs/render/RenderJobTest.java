package org.rl3spark.jobs.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rl3spark.core.policy.Policy;
import org.rl3spark.core.policy.PolicySpec;
import org.rl3spark.core.ppo.EntropySchedule;
import org.rl3spark.core.rollout.MetaEpisodeRunner;
import org.rl3spark.core.rollout.Trajectory;
import org.rl3spark.core.task.Split;
import org.rl3spark.core.task.TaskId;
import org.rl3spark.envs.FamilyPolicies;
import org.rl3spark.envs.grid.GridFamily;
import org.rl3spark.envs.grid.GridTask;
import org.rl3spark.envs.grid.Tile;
import org.rl3spark.jobs.SparkTestSessions;
import org.rl3spark.jobs.TestConfigs;
import org.rl3spark.jobs.config.ConfigProblem;
import org.rl3spark.jobs.config.ConfigProblems;
import org.rl3spark.jobs.config.LoadedConfig;
import org.rl3spark.jobs.publish.Manifest;
import org.rl3spark.learner.dl4j.ActorCritic;
import org.rl3spark.learner.dl4j.Checkpoint;
import org.rl3spark.learner.dl4j.Nd4jThreads;
import org.rl3spark.learner.policy.Checkpoints;
import org.rl3spark.learner.ppo.Algorithm;
import org.rl3spark.learner.ppo.PpoConfig;
import org.rl3spark.learner.ppo.TrainingSetup;

/**
 * The {@code render} job: tile colours and the agent marker at known pixels, value estimates only
 * on visited tiles, the replay equal to the meta-episode {@code evaluate} plays, byte-identical
 * output across runs, and config validation.
 */
class RenderJobTest {

  private static final TaskId HAND = new TaskId(GridFamily.NAME, "hand", Split.TEST, 0, 1);

  /** Every tile kind: S start, G goal, O obstacle, W water, ! warning, X danger, blanks. */
  private static final GridTask GRID =
      GridTask.of(HAND, 0.2, "G  O ", " W ! ", "  S X", "     ", "O    ");

  private static final int TILE = 30;

  private static SparkSession spark;

  @TempDir Path dir;

  @BeforeAll
  static void startSpark() {
    spark = SparkTestSessions.start("local[1]");
  }

  @AfterAll
  static void stopSpark() {
    SparkTestSessions.stop(spark);
  }

  /** A pixel inside the tile at (row, col), clear of its letter, value text and the agent. */
  private static Color corner(BufferedImage img, int row, int col) {
    return new Color(
        img.getRGB(
            GridPainter.tileX(TILE, col) + TILE - 3, GridPainter.tileY(TILE, row) + TILE - 3));
  }

  private static Color centre(BufferedImage img, int row, int col) {
    return new Color(
        img.getRGB(
            GridPainter.tileX(TILE, col) + TILE / 2, GridPainter.tileY(TILE, row) + TILE / 2));
  }

  private static GridReplay.Snapshot snapshot(int agent, double[] values) {
    return new GridReplay.Snapshot(5, 1, agent, -3, values);
  }

  private static double[] noValues() {
    double[] v = new double[GRID.side() * GRID.side()];
    Arrays.fill(v, Double.NaN);
    return v;
  }

  @Test
  void tilesHaveTheirColoursAndVisitedTilesAreShadedByValue() {
    double[] values = noValues();
    values[GRID.stateOf(4, 1)] = 10; // blank, highest value: darkest shade
    values[GRID.stateOf(4, 2)] = 0; // blank, lowest value: lightest shade
    values[GRID.stateOf(2, 2)] = 5; // water keeps its colour
    BufferedImage img =
        GridPainter.paint(GRID, snapshot(GRID.startState(), values), 10, TILE, 0, 10);
    assertThat(img.getWidth()).isEqualTo(GridPainter.width(5, TILE));
    assertThat(img.getHeight()).isEqualTo(GridPainter.height(5, TILE));
    assertThat(GRID.tile(1, 1)).isEqualTo(Tile.GOAL);
    assertThat(corner(img, 1, 1)).as("goal").isEqualTo(GridPainter.GOAL);
    assertThat(corner(img, 1, 4)).as("obstacle").isEqualTo(GridPainter.OBSTACLE);
    assertThat(corner(img, 5, 1)).as("obstacle").isEqualTo(GridPainter.OBSTACLE);
    assertThat(corner(img, 2, 2)).as("wet").isEqualTo(GridPainter.WATER);
    assertThat(corner(img, 2, 4)).as("warning").isEqualTo(GridPainter.WARNING);
    assertThat(corner(img, 3, 5)).as("danger").isEqualTo(GridPainter.DANGER);
    assertThat(corner(img, 3, 3)).as("start, unvisited").isEqualTo(GridPainter.BLANK);
    assertThat(corner(img, 1, 2)).as("blank, unvisited").isEqualTo(GridPainter.BLANK);
    assertThat(corner(img, 4, 1)).as("highest value").isEqualTo(GridPainter.HIGH);
    assertThat(corner(img, 4, 2)).as("lowest value").isEqualTo(GridPainter.LOW);
    assertThat(GridPainter.shade(5, 0, 10).getGreen())
        .as("shades are ordered")
        .isBetween(GridPainter.HIGH.getGreen(), GridPainter.LOW.getGreen());
  }

  @Test
  void theAgentIsDrawnOnItsTileOnly() {
    int start = GRID.startState();
    int other = GRID.stateOf(4, 4);
    BufferedImage atStart = GridPainter.paint(GRID, snapshot(start, noValues()), 10, TILE, 0, 1);
    BufferedImage elsewhere = GridPainter.paint(GRID, snapshot(other, noValues()), 10, TILE, 0, 1);
    assertThat(centre(atStart, 3, 3)).isEqualTo(GridPainter.AGENT);
    assertThat(centre(atStart, 4, 4)).isEqualTo(GridPainter.BLANK);
    assertThat(centre(elsewhere, 4, 4)).isEqualTo(GridPainter.AGENT);
    assertThat(centre(elsewhere, 3, 3)).isNotEqualTo(GridPainter.AGENT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"random", "oracle"})
  void theReplayIsTheMetaEpisodeEvaluatePlays(String name) {
    GridFamily family = GridFamily.of("13x13");
    GridTask task = (GridTask) family.generate(Split.TEST, 3, 42);
    Policy policy = FamilyPolicies.create(PolicySpec.parse(name), GridFamily.NAME, 120);
    int budget = 120;
    GridReplay.Result r =
        GridReplay.play(
            task, policy, null, family.vamdpDefaults(), budget, 42, 0, Set.of(0, 60, budget));
    Trajectory t = new MetaEpisodeRunner().play(task, policy, budget, 42, 0);
    assertThat(r.totalReturn()).as("return").isEqualTo(t.totalReturn());
    assertThat(r.steps()).hasSize(budget);
    for (int i = 0; i < budget; i++) {
      assertThat(r.steps().get(i).action()).as("action %d", i).isEqualTo(t.actions()[i]);
      assertThat(r.steps().get(i).state()).as("state %d", i).isEqualTo(t.states()[i]);
    }
    assertThat(r.snapshots()).extracting(GridReplay.Snapshot::step).containsExactly(0, 60, budget);
  }

  @Test
  void valueEstimatesExistExactlyForVisitedTiles() {
    GridFamily family = GridFamily.of("13x13");
    GridTask task = (GridTask) family.generate(Split.TEST, 0, 42);
    Policy random = FamilyPolicies.create(PolicySpec.parse("random"), GridFamily.NAME, 80);
    GridReplay.Result r =
        GridReplay.play(task, random, null, family.vamdpDefaults(), 80, 42, 0, Set.of(0, 80));
    assertThat(r.snapshots().get(0).visited())
        .as("nothing estimated before the first step")
        .isZero();
    Set<Integer> visited = new HashSet<>();
    visited.add(task.startState());
    r.steps().forEach(s -> visited.add(s.next()));
    double[] v = r.snapshots().get(1).values();
    for (int s = 0; s < v.length; s++) {
      assertThat(!Double.isNaN(v[s]))
          .as("state %d has a value iff visited", s)
          .isEqualTo(visited.contains(s));
    }
  }

  private LoadedConfig config(Path out, String policy) {
    return TestConfigs.load(
        dir,
        "render { name = r, variant = \"11x11\", split = test, task-index = 2, budget = 60,"
            + " policy = \""
            + policy
            + "\", steps = [0, 30, 60], tile-size = 16 }\n"
            + "output.dir = \""
            + out
            + "\"");
  }

  @Test
  void theJobPublishesTheSameBytesEveryTime() throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    String pa = new RenderJob().run(TestConfigs.context(spark, config(a, "random"), "render"));
    String pb = new RenderJob().run(TestConfigs.context(spark, config(b, "random"), "render"));
    Path da = Path.of(java.net.URI.create(pa).getPath());
    Path db = Path.of(java.net.URI.create(pb).getPath());
    assertThat(da).isEqualTo(a.resolve("render/r"));
    List<String> files =
        List.of(
            "step-000000.png",
            "step-000030.png",
            "step-000060.png",
            RenderJob.FRAMES_CSV,
            RenderJob.TRAJECTORY_CSV,
            RenderJob.TASK_TXT);
    for (String f : files) {
      assertThat(Files.readAllBytes(da.resolve(f)))
          .as(f)
          .isEqualTo(Files.readAllBytes(db.resolve(f)));
    }
    assertThat(da.resolve(Manifest.FILE_NAME)).exists();
    Manifest m = Manifest.fromJson(Files.readString(da.resolve(Manifest.FILE_NAME)), da.toString());
    assertThat(m.totalRows()).as("one row per snapshot").isEqualTo(3);
    assertThat(Files.readAllLines(da.resolve(RenderJob.FRAMES_CSV))).hasSize(4);
    assertThat(Files.readAllLines(da.resolve(RenderJob.TRAJECTORY_CSV))).hasSize(61);
    BufferedImage img =
        ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(da.resolve("step-000000.png"))));
    assertThat(img.getWidth()).isEqualTo(GridPainter.width(11, 16));
    try (Stream<Path> s = Files.list(da)) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png"))).hasSize(3);
    }
  }

  @Test
  void aTrainedCheckpointPlaysWithItsOwnVamdpAndMatchesTheRunner() throws Exception {
    Nd4jThreads.set(1);
    int budget = 30;
    GridFamily family = GridFamily.of("11x11");
    PpoConfig ppo =
        new PpoConfig(1, 2, 2, 10, 1, 0.99, 0.3, 0.2, 0.01, new EntropySchedule(0.1, true, 1, 1));
    TrainingSetup s = new TrainingSetup(family, Algorithm.RL3, null, budget, ppo, 1e-3, 5);
    ActorCritic ac = ActorCritic.create(s.networkSpec());
    Path run = dir.resolve("grid-run");
    Checkpoint.write(
        Checkpoints.of(run, 1),
        ac,
        new Checkpoint.State(
            1, 5, "h", ac.spec(), "rl3", "grid-run", GridFamily.NAME, "11x11", s.resolvedVamdp()));
    Path out = dir.resolve("out");
    LoadedConfig config =
        TestConfigs.load(
            dir,
            "render { name = r, variant = \"11x11\", split = test, task-index = 1, budget = "
                + budget
                + ", policy = \"checkpoint:"
                + run
                + "\", steps = [0, "
                + budget
                + "] }\noutput.dir = \""
                + out
                + "\"");
    RenderJob.Resolved p = RenderJob.policy(config.config());
    assertThat(p.policy().name()).isEqualTo("rl3(run=grid-run,it=1)");
    assertThat(p.vamdp()).as("the checkpoint's VAMDP settings").isEqualTo(s.resolvedVamdp());
    GridTask task = RenderJob.task(config.config());
    GridReplay.Result r = RenderJob.replay(config.config(), task, p);
    Trajectory t = new MetaEpisodeRunner().play(task, p.policy(), budget, 42, 0);
    assertThat(r.totalReturn()).isEqualTo(t.totalReturn());
    assertThat(r.steps().stream().mapToInt(GridReplay.StepRow::action).toArray())
        .containsExactly(t.actions());
    new RenderJob().run(TestConfigs.context(spark, config, "render"));
    assertThat(Files.readString(out.resolve("render/r/" + RenderJob.FRAMES_CSV)))
        .contains("rl3(run=grid-run,it=1)");
  }

  @Test
  void everyProblemIsListedWithItsKey() {
    ConfigProblems p =
        catchThrowableOfType(
            () ->
                TestConfigs.load(
                    dir,
                    "render { variant = \"12x12\", budget = 50, steps = [0, 51, 51],"
                        + " policy = \"psrl\", tile-size = 5, task-index = -1 }"),
            ConfigProblems.class);
    assertThat(p).isNotNull();
    assertThat(p.problems())
        .extracting(ConfigProblem::path)
        .contains(
            "render.variant",
            "render.steps",
            "render.policy",
            "render.tile-size",
            "render.task-index");
    assertThat(p.getMessage()).contains("51").contains("psrl");
  }

  @Test
  void checkpointPoliciesNeedADirectory() {
    ConfigProblems p =
        catchThrowableOfType(
            () -> TestConfigs.load(dir, "render.policy = \"checkpoint:\""), ConfigProblems.class);
    assertThat(p).isNotNull();
    assertThat(p.problems()).extracting(ConfigProblem::path).containsExactly("render.policy");
    assertThat(
            TestConfigs.load(dir, "render.policy = \"checkpoint:/x/y\"")
                .config()
                .render()
                .checkpointPath())
        .isEqualTo("/x/y");
  }
}
