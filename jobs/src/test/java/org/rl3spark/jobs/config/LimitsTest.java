package org.rl3spark.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rl3spark.core.meta.MetaLayout;
import org.rl3spark.core.vamdp.VamdpLayout;
import org.rl3spark.jobs.CommandLine;
import org.rl3spark.jobs.NeverOpenedSessions;
import org.rl3spark.jobs.Rl3;
import org.rl3spark.jobs.SessionProvider;
import org.rl3spark.jobs.TestConfigs;

/**
 * Issue 16, item 1: every count, size and length key has an upper bound, checked when the config is
 * loaded; the message names the key, the value, the bound and the override, and {@code
 * limits.allow-large} lifts the soft bounds but never the hard ones.
 */
class LimitsTest {

  private static final String OVERRIDE = "set limits.allow-large = true to run it anyway";

  @TempDir Path dir;

  private ConfigProblems problems(String... sets) {
    Path conf = TestConfigs.write(dir, "l.conf", "");
    return catchThrowableOfType(
        () -> ConfigLoader.load(conf, List.of(sets), null, false), ConfigProblems.class);
  }

  private Rl3Config load(String... sets) {
    return ConfigLoader.load(TestConfigs.write(dir, "l.conf", ""), List.of(sets), null, false)
        .config();
  }

  @Test
  void aTrillionTasksFailAtLoadNamingTheBoundAndTheOverride() {
    long start = System.nanoTime();
    ConfigProblems e = problems("tasks.count=1000000000000");
    double seconds = (System.nanoTime() - start) / 1e9;

    assertThat(e).as("refused").isNotNull();
    assertThat(e.problems()).extracting(ConfigProblem::path).containsExactly("tasks.count");
    assertThat(e.getMessage())
        .contains("tasks.count: 1000000000000 exceeds the bound 130000000")
        .contains("about 72.0 TB at ~72 B each; Parquet rows of bandits/k5 tasks")
        .contains("within 10.0 GB")
        .contains(OVERRIDE);
    assertThat(seconds).as("refused at the config stage, in seconds").isLessThan(2.0);
  }

  @Test
  void theCommandLineRefusesATrillionTasksBeforeAnySessionWithExitCode2() {
    Path conf = TestConfigs.write(dir, "t.conf", "");
    SessionProvider none =
        new NeverOpenedSessions("a session was requested for a config above its bounds");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    long start = System.nanoTime();
    int code =
        Rl3.run(
            new String[] {"tasks", "--conf", conf.toString(), "--set", "tasks.count=1000000000000"},
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            none);
    double seconds = (System.nanoTime() - start) / 1e9;

    assertThat(code).isEqualTo(Rl3.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("tasks.count: 1000000000000 exceeds the bound 130000000")
        .contains(OVERRIDE);
    assertThat(seconds).as("refused before Spark, in seconds").isLessThan(2.0);
  }

  @Test
  void allowLargeLiftsTheSoftBound() throws Exception {
    assertThat(load("tasks.count=1000000000000", "limits.allow-large=true").tasks().count())
        .isEqualTo(1_000_000_000_000L);
    Path conf = TestConfigs.write(dir, "t.conf", "");
    CommandLine cl =
        CommandLine.parse(
            "tasks", "--conf", conf.toString(), "--allow-large", "--set=tasks.count=2e11");
    assertThat(cl.sets()).containsExactly("limits.allow-large=true", "tasks.count=2e11");
    assertThat(ConfigLoader.load(conf, cl.sets(), null, false).config().tasks().count())
        .as("--allow-large is limits.allow-large = true")
        .isEqualTo(200_000_000_000L);
  }

  @Test
  void iterationsReportTheirOwnBoundNotTheIntRange() {
    ConfigProblems e = problems("train.iterations=1000000000000");
    assertThat(e.problems()).extracting(ConfigProblem::path).containsExactly("train.iterations");
    assertThat(e.getMessage())
        .contains("train.iterations: 1000000000000 exceeds the bound 1000000 (metrics.csv")
        .contains(
            "and the hard bound 2147483647 (it is counted in an int), which"
                + " limits.allow-large does not lift")
        .doesNotContain("-2147483648");

    ConfigProblems lifted = problems("train.iterations=1000000000000", "limits.allow-large=true");
    assertThat(lifted.getMessage())
        .as("the hard bound holds with allow-large")
        .contains("train.iterations: 1000000000000 exceeds the hard bound 2147483647")
        .doesNotContain("exceeds the bound 1000000");

    assertThat(problems("train.horizon=6000").getMessage())
        .contains("train.horizon: 6000 exceeds the bound 5000 (the transformer's positional table")
        .contains(OVERRIDE);
  }

  @Test
  void everyReportedCaseNamesKeyValueBoundAndOverride() {
    ConfigProblems e =
        problems(
            "rollout.count=1e10",
            "demo.count=1e9",
            "train.envs=1e8",
            "evaluate.count=2000000",
            "evaluate.budgets=[10, 1000000]",
            "analysis.qunique.n-mdps=1e8",
            "analysis.qclassify.n-mdps=200000",
            "render.tile-size=300",
            "train.eval-count=2e6",
            "render.budget=200000");
    assertThat(e.problems())
        .extracting(ConfigProblem::path)
        .containsExactlyInAnyOrder(
            "rollout.count",
            "demo.count",
            "train.envs",
            "evaluate.count",
            "evaluate.budgets",
            "analysis.qunique.n-mdps",
            "analysis.qclassify.n-mdps",
            "render.tile-size",
            "train.eval-count",
            "render.budget");
    assertThat(e.problems())
        .allSatisfy(
            p ->
                assertThat(p.message())
                    .contains(" exceeds the bound ")
                    .contains("limits.allow-large"));
    assertThat(e.getMessage())
        .contains("rollout.count: 10000000000 exceeds the bound 3000000 (about 33.0 TB")
        .contains("budget 100 × episodes 1 rows per task")
        .contains("demo.count: 1000000000 exceeds the bound 930000")
        .contains("train.envs: 100000000 exceeds the bound ")
        .contains("envs × (horizon 100 + 1) × 28 floats")
        .contains("evaluate.count: 2000000 exceeds the bound 1000000")
        .contains("evaluate.budgets: 1000000 exceeds the bound 100000")
        .contains("analysis.qunique.n-mdps: 100000000 exceeds the bound 1000000")
        .contains("render.tile-size: 300 exceeds the bound 200")
        .contains("render.budget: 200000 exceeds the bound 100000");
  }

  @Test
  void familySizesAreBoundedInTheFamilyBlockAndInEachSet() {
    ConfigProblems e =
        problems(
            "family.bandits.arms=1e8",
            "family.mdps.states=5000",
            "demo.sets=[{family=bandits, arms=20000, split=test}, {family=mdps, split=test}]",
            "family.gridworld.max-attempts=2000000000");
    assertThat(e.problems())
        .extracting(ConfigProblem::path)
        .containsExactlyInAnyOrder(
            "family.bandits.arms",
            "family.mdps.states",
            "demo.sets[0].arms",
            "family.gridworld.max-attempts");
    assertThat(e.getMessage())
        .contains("family.bandits.arms: 100000000 exceeds the bound 10000 (the networks' input")
        .contains(
            "family.mdps.states: 5000 exceeds the bound 1414 (a task's transition table has"
                + " states² × 5 probabilities")
        .contains("demo.sets[0].arms: 20000 exceeds the bound 10000")
        .contains("family.gridworld.max-attempts: 2000000000 exceeds the bound 1000000")
        .contains(OVERRIDE)
        .as("no follow-up problem of the tasks sized from them")
        .doesNotContain("tasks.count")
        .doesNotContain("train.envs");
  }

  @Test
  void aTransitionTableBeyondOneJavaArrayIsRefusedEvenWithAllowLarge() {
    ConfigProblems e =
        problems("family.mdps.states=30000", "family.mdps.actions=5", "limits.allow-large=true");
    assertThat(e.getMessage())
        .contains(
            "family.mdps.states: 30000 exceeds the hard bound 20724 (the transition table is"
                + " one Java array of states² × actions doubles), which limits.allow-large does not"
                + " lift");
  }

  @Test
  void theDefaultsAreWithinEveryBound() {
    Rl3Config c = load();
    assertThat(c.tasks().count()).isEqualTo(1000);
    assertThat(c.train().ppo().envs()).isEqualTo(64);
  }

  @Test
  void theObservationWidthIsTheRl3Layouts() {
    for (int[] as : new int[][] {{5, 2}, {2, 3}, {10, 100}, {1, 1}}) {
      int actions = as[0];
      int states = as[1];
      int layout = new MetaLayout(actions, new VamdpLayout(states, actions).size()).size();
      assertThat(Limits.observationWidth(actions, states))
          .as("width for %d actions, state encoding %d", actions, states)
          .isEqualTo(layout);
    }
  }

  @Test
  void boundsOfTheDiskBudgetAreRoundNumbers() {
    assertThat(Limits.round(138_888_888.9)).isEqualTo(130_000_000);
    assertThat(Limits.round(99)).isEqualTo(99);
    assertThat(Limits.round(0.5)).isZero();
    assertThat(Limits.taskRows("x", Limits.banditTaskBytes(5)).soft()).isEqualTo(130_000_000);
  }
}
