package org.rl3spark.jobs.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rl3spark.core.policy.PolicySpec;
import org.rl3spark.core.task.Split;
import org.rl3spark.envs.FamilyPolicies;
import org.rl3spark.jobs.NeverOpenedSessions;
import org.rl3spark.jobs.Rl3;
import org.rl3spark.jobs.SparkTestSessions;
import org.rl3spark.jobs.TestConfigs;
import org.rl3spark.jobs.config.ConfigLoader;
import org.rl3spark.jobs.config.ConfigProblem;
import org.rl3spark.jobs.config.ConfigProblems;
import org.rl3spark.jobs.config.EvaluateConfig;
import org.rl3spark.jobs.config.PolicyChecks;
import org.rl3spark.jobs.config.Rl3Config;

/** The rollout and evaluate config blocks: the shipped conf files, defaults and fail-fast (R13). */
class EvalConfigTest {

  @TempDir Path dir;

  private static Path conf(String name) {
    return Path.of(System.getProperty("rl3.repo.root", "..")).resolve("conf").resolve(name);
  }

  private static Rl3Config load(String name) {
    return ConfigLoader.load(conf(name), List.of(), null, false).config();
  }

  private static List<String> names(EvaluateConfig e, String family) {
    return e.specsFor(family).stream().map(s -> PolicyChecks.canonicalName(s, family)).toList();
  }

  @Test
  void banditConfSweepsEveryBaselineAtThreeBudgetsInAndOutOfDistribution() {
    EvaluateConfig e = load("eval/bandits-k5.conf").evaluate();
    assertThat(e.name()).isEqualTo("bandits-k5");
    assertThat(e.count()).isEqualTo(1000);
    assertThat(e.budgets()).containsExactly(10, 100, 500);
    assertThat(e.sets())
        .extracting(s -> s.taskFamily().variant() + "/" + s.split().id())
        .containsExactly("k5/test", "k5/ood");
    List<String> names = names(e, "bandits");
    assertThat(names).hasSize(3 + 10 + 11 + 1 + 20 + 7).doesNotHaveDuplicates();
    assertThat(names)
        .startsWith("random", "oracle", "greedy", "epsilon_greedy(eps=0.1)")
        .contains("epsilon_greedy(eps=1)", "ucb1_rl2(c=0)", "ucb1_rl2(c=1)", "thompson")
        .contains("ots_rl2(samples=1)", "ots_rl2(samples=20)")
        .endsWith(
            "gittins(gamma=0.8)",
            "gittins(gamma=0.9)",
            "gittins(gamma=0.95)",
            "gittins(gamma=0.98)",
            "gittins(gamma=0.99)",
            "gittins(gamma=0.995)",
            "gittins(gamma=0.999)");
  }

  @Test
  void mdpConfSweepsEveryBaselineAtFourEpisodeCounts() {
    EvaluateConfig e = load("eval/mdps.conf").evaluate();
    assertThat(e.budgets()).containsExactly(100, 250, 500, 1000);
    assertThat(e.sets())
        .extracting(s -> s.taskFamily().variant() + "/" + s.split().id())
        .containsExactly("s10a5/test", "s10a5/ood");
    List<String> names = names(e, "mdps");
    assertThat(names).hasSize(3 + 10 + 1 + 19 + 21 + 21).doesNotHaveDuplicates();
    assertThat(names)
        .contains("psrl(mu0=0)", "opsrl(samples=2,mu0=0)", "opsrl(samples=20,mu0=0)")
        .contains("ucrl2(scaling=0.0001)", "ucrl2(scaling=0.0158)", "ucrl2(scaling=1)")
        .contains("beb(scaling=0.0001)", "beb(scaling=0.631)", "beb(scaling=1)");
    // The log grid 10^(k/5), k = -20..0, to three significant digits.
    List<Double> scalings =
        e.specsFor("mdps").stream()
            .filter(s -> s.name().equals("beb"))
            .map(s -> s.getDouble("scaling", -1))
            .toList();
    assertThat(scalings).hasSize(21);
    for (int k = 0; k <= 20; k++) {
      double exact = Math.exp(Math.log(1e-4) + k * (Math.log(1) - Math.log(1e-4)) / 20);
      assertThat(scalings.get(k)).as("scaling %d", k).isCloseTo(exact, withinRelative(0.005));
    }
  }

  private static org.assertj.core.data.Percentage withinRelative(double fraction) {
    return org.assertj.core.data.Percentage.withPercentage(100 * fraction);
  }

  @Test
  void gridConfCoversThe13x13TestSetAndTheFiveOodVariations() {
    Rl3Config c = load("eval/gridworld-13x13.conf");
    assertThat(c.evaluate().sets())
        .extracting(s -> s.taskFamily().variant() + "/" + s.split().id())
        .containsExactly(
            "13x13/test",
            "13x13_dense/ood",
            "13x13_deterministic/ood",
            "13x13_watery/ood",
            "13x13_dangerous/ood",
            "13x13_corner/ood");
    assertThat(c.evaluate().budgets()).containsExactly(350);
    assertThat(names(c.evaluate(), "gridworld")).containsExactly("random", "oracle");
  }

  @Test
  void rolloutConfAndDerivedOutputName() {
    Rl3Config c = load("rollout/mdps-psrl.conf");
    assertThat(c.rollout().split()).isEqualTo(Split.TEST);
    assertThat(c.rollout().episodes()).isEqualTo(2);
    assertThat(RolloutJob.outputName(c)).isEqualTo("mdps-s10a5-test-psrl-mu0-0-h100");
    Rl3Config named =
        TestConfigs.load(
                dir,
                "rollout { family = bandits, policy = \"ucb1_rl2(c=0.2)\", budget = 7 }",
                "family.bandits.arms=3")
            .config();
    assertThat(RolloutJob.outputName(named)).isEqualTo("bandits-k3-test-ucb1_rl2-c-0.2-h7");
  }

  @Test
  void predictedNamesAreTheBuiltPoliciesNames() {
    for (String spec :
        List.of("gittins(gamma=0.9)", "gittins(gamma=0.98,depth=50)", "gittins(grid=200)")) {
      PolicySpec s = PolicySpec.parse(spec);
      assertThat(PolicyChecks.canonicalName(s, "bandits"))
          .isEqualTo(FamilyPolicies.create(s, "bandits", 20).name());
    }
  }

  /** Every kind of problem of the two blocks, in one file. */
  private static final String BROKEN =
      String.join(
          "\n",
          "evaluate {",
          "  count = 1",
          "  budget = [10]",
          "  budgets = [10, 0, 10, 2500]",
          "  sets = [ { family = bandits, split = train }, { family = mdps, split = test } ]",
          "  policies = [\"random\", \"thompsn\", \"ucb1_rl2(cc=0.1)\", \"gittins(gamma=1.5)\",",
          "    \"greedy\", \"epsilon_greedy(eps=0|0.5)\", \"psrl(mu0=x)\", \"gittins(gamma=0.9)\"]",
          "  progress-seconds = -1",
          "}",
          "rollout { family = gridworld, policy = \"thompson\", budget = 0, episodes = 0 }",
          "");

  @Test
  void brokenConfigListsEveryProblemAtItsPath() {
    ConfigProblems e =
        catchThrowableOfType(
            () ->
                ConfigLoader.load(TestConfigs.write(dir, "b.conf", BROKEN), List.of(), null, true),
            ConfigProblems.class);

    assertThat(e).as("one exception listing every problem").isNotNull();
    assertThat(e.problems())
        .extracting(ConfigProblem::path)
        .containsExactlyInAnyOrder(
            "evaluate.budget",
            "evaluate.count",
            "evaluate.budgets",
            "evaluate.sets",
            "evaluate.policies[1]",
            "evaluate.policies[2]",
            "evaluate.policies[3]",
            "evaluate.policies[5]",
            "evaluate.policies[6]",
            "evaluate.policies[7]",
            "evaluate.progress-seconds",
            "rollout.budget",
            "rollout.episodes",
            "rollout.policy");
    assertThat(e.getMessage())
        .contains("evaluate.budget: unknown key")
        .contains("did you mean 'budgets'?")
        .contains("evaluate.count: must be in [2, 1000000]")
        .contains("every budget must be in [1, 100000] steps, got 0")
        .contains("lists a budget twice")
        .contains("split must be test or ood")
        .contains("unknown policy 'thompsn' for bandits, mdps")
        .contains("did you mean 'thompson'?")
        .contains("policy ucb1_rl2 has no parameter 'cc'; it takes c")
        .contains("Gittins discount must be in (0, 1), got 1.5")
        .contains("'epsilon_greedy(eps=0)' is the same policy as 'greedy' (greedy)")
        .contains("parameter mu0=x of policy psrl is not a number")
        .contains("budgets above 2000 are not supported, got 2500")
        .contains("progress-seconds: must be >= 0")
        .contains("rollout.budget: must be in [1, 1000000] steps, got 0")
        .contains("rollout.episodes: must be in [1, 100000], got 0")
        .contains("rollout.policy: unknown policy 'thompson' for gridworld");
  }

  @Test
  void brokenEvaluateConfigExitsWith2BeforeAnySessionExists() {
    Path file = TestConfigs.write(dir, "b.conf", BROKEN);
    NeverOpenedSessions spy =
        new NeverOpenedSessions("a session was requested for an invalid config");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    boolean activeBefore = SparkTestSessions.anyContextActive();

    int code =
        Rl3.run(
            new String[] {"evaluate", "--conf", file.toString()},
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            spy);

    assertThat(code).isEqualTo(Rl3.USAGE);
    assertThat(spy.requests()).as("session requests").isZero();
    assertThat(activeBefore).as("precondition: no context before").isFalse();
    assertThat(SparkTestSessions.anyContextActive()).as("no SparkContext created").isFalse();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("14 problems")
        .contains("evaluate.policies[2]")
        .contains("rollout.policy");
  }

  @Test
  void aPolicyAppliesToTheFamiliesThatKnowIt() {
    EvaluateConfig e =
        TestConfigs.load(
                dir,
                "evaluate.sets = [{family = bandits, split = test}, {family = mdps, split = ood}]\n"
                    + "evaluate.policies = [random, greedy, thompson, \"psrl(mu0=0|1)\"]")
            .config()
            .evaluate();
    assertThat(names(e, "bandits")).containsExactly("random", "greedy", "thompson");
    assertThat(names(e, "mdps")).containsExactly("random", "greedy", "psrl(mu0=0)", "psrl(mu0=1)");
  }
}
