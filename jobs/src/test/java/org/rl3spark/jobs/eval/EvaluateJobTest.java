package org.rl3spark.jobs.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.rl3spark.core.policy.MetaOracle;
import org.rl3spark.core.policy.Policy;
import org.rl3spark.core.policy.PolicySpec;
import org.rl3spark.core.rollout.MetaEpisodeRunner;
import org.rl3spark.core.rollout.Trajectory;
import org.rl3spark.core.task.Split;
import org.rl3spark.core.task.Task;
import org.rl3spark.core.task.TaskFamily;
import org.rl3spark.envs.FamilyPolicies;
import org.rl3spark.envs.bandit.BanditFamily;
import org.rl3spark.envs.grid.GridFamily;
import org.rl3spark.envs.mdp.RandomMdpFamily;
import org.rl3spark.jobs.SparkTestSessions;
import scala.collection.Seq;

/**
 * The evaluate and rollout jobs end to end on local[2]: per-task rows against direct plays, the
 * summary against a direct computation from the rows, rollout trajectories against evaluate's
 * returns, 10,000 tasks, and the rejection of non-finite returns.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvaluateJobTest {

  private static final long MASTER = 42;
  private static final int COUNT = 12;
  private static final int[] BUDGETS = {10, 30};
  private static final List<String> POLICIES =
      List.of(
          "random",
          "oracle",
          "thompson",
          "ucb1_rl2(c=0.2)",
          "gittins(gamma=0.9)",
          "psrl(mu0=0)",
          "ucrl2(scaling=0.1)");
  private static final String HOCON =
      String.join(
          "\n",
          "evaluate {",
          "  name = \"e2e\"",
          "  count = " + COUNT,
          "  sets = [",
          "    { family = bandits, split = test }",
          "    { family = mdps, split = ood }",
          "    { family = gridworld, variant = \"13x13_corner\", split = ood }",
          "  ]",
          "  budgets = [10, 30]",
          "  policies = ["
              + String.join(", ", POLICIES.stream().map(p -> "\"" + p + "\"").toList())
              + "]",
          "  progress-seconds = 0",
          "}");

  @TempDir Path dir;

  private SparkSession spark;
  private EvalRuns.Evaluation e2e;

  @BeforeAll
  void startSparkAndEvaluate(@TempDir Path shared) throws Exception {
    spark = SparkTestSessions.start("local[2]");
    e2e = EvalRuns.evaluate(spark, shared, shared.resolve("out"), HOCON);
  }

  @AfterAll
  void stopSpark() {
    SparkTestSessions.stop(spark);
  }

  /** The sets of {@link #HOCON} with the policy specs that apply to each. */
  private static Map<TaskFamily, Split> sets() {
    Map<TaskFamily, Split> sets = new LinkedHashMap<>();
    sets.put(new BanditFamily(5), Split.TEST);
    sets.put(RandomMdpFamily.standard(), Split.OOD);
    sets.put(GridFamily.of("13x13_corner"), Split.OOD);
    return sets;
  }

  private static List<Policy> policies(String family) {
    List<Policy> out = new ArrayList<>();
    for (String p : POLICIES) {
      PolicySpec spec = PolicySpec.parse(p);
      if (FamilyPolicies.names(family).contains(spec.name())) {
        out.add(FamilyPolicies.create(spec, family, 30));
      }
    }
    return out;
  }

  private static float[] floats(Row r, String column) {
    Seq<Object> s = r.getAs(column);
    float[] out = new float[s.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (Float) s.apply(i);
    }
    return out;
  }

  @Test
  void perTaskRowsEqualDirectPlaysOfTheRunner() {
    long expectedRows = 0;
    for (TaskFamily f : sets().keySet()) {
      expectedRows += (long) COUNT * BUDGETS.length * policies(f.family()).size();
    }
    assertThat(e2e.rows())
        .as("rows: tasks x budgets x policies per set")
        .hasSize((int) expectedRows);

    Map<String, Row> byKey = new HashMap<>();
    for (Row r : e2e.rows()) {
      byKey.put(
          r.getAs(EvalSchemas.VARIANT)
              + "/"
              + r.getAs(EvalSchemas.BUDGET)
              + "/"
              + r.getAs(EvalSchemas.POLICY)
              + "/"
              + r.getAs(EvalSchemas.TASK_INDEX),
          r);
    }
    MetaEpisodeRunner runner = new MetaEpisodeRunner();
    int checked = 0;
    for (Map.Entry<TaskFamily, Split> set : sets().entrySet()) {
      TaskFamily f = set.getKey();
      for (long index : new long[] {0, 5, COUNT - 1}) {
        Task task = f.generate(set.getValue(), index, MASTER);
        for (int budget : BUDGETS) {
          double oracle = MetaOracle.solve(task, budget).expectedReturn();
          for (Policy p : policies(f.family())) {
            Trajectory t = runner.play(task, p, budget, MASTER, 0);
            Row r = byKey.get(f.variant() + "/" + budget + "/" + p.name() + "/" + index);
            String what = f.variant() + " task " + index + " H=" + budget + " " + p.name();
            assertThat(r).as(what).isNotNull();
            assertThat(r.<Integer>getAs(EvalSchemas.SCHEMA_VERSION_COL)).isEqualTo(1);
            assertThat(r.<String>getAs(EvalSchemas.FAMILY)).isEqualTo(f.family());
            assertThat(r.<String>getAs(EvalSchemas.SPLIT)).isEqualTo(set.getValue().id());
            assertThat(r.<Long>getAs(EvalSchemas.SEED)).as(what).isEqualTo(task.id().seed());
            assertThat(r.<Double>getAs(EvalSchemas.RETURN)).as(what).isEqualTo(t.totalReturn());
            assertThat(r.<Double>getAs(EvalSchemas.ORACLE_RETURN)).as(what).isEqualTo(oracle);
            assertThat(floats(r, EvalSchemas.REWARDS)).as(what).containsExactly(t.rewards());
            checked++;
          }
        }
      }
    }
    assertThat(checked).isEqualTo(3 * BUDGETS.length * (5 + 4 + 2));
  }

  @Test
  void summaryEqualsADirectComputationFromTheRowsInTableOrder() {
    Map<String, List<Row>> groups = new LinkedHashMap<>();
    for (Row r : e2e.rows()) {
      groups
          .computeIfAbsent(
              r.getAs(EvalSchemas.VARIANT)
                  + ","
                  + r.getAs(EvalSchemas.BUDGET)
                  + ","
                  + r.getAs(EvalSchemas.POLICY),
              k -> new ArrayList<>())
          .add(r);
    }
    List<String> csv = e2e.csv().lines().toList();
    assertThat(csv.get(0))
        .isEqualTo(
            "family,variant,split,budget,policy,n_tasks,mean_return,se_return,oracle_return,"
                + "fraction_of_oracle");
    assertThat(csv).hasSize(1 + groups.size());
    assertThat(e2e.summaryRows()).hasSize(groups.size());
    List<String> order = new ArrayList<>();
    for (Map.Entry<TaskFamily, Split> set : sets().entrySet()) {
      for (int budget : BUDGETS) {
        for (Policy p : policies(set.getKey().family())) {
          order.add(set.getKey().variant() + "," + budget + "," + p.name());
        }
      }
    }
    for (int i = 0; i < order.size(); i++) {
      Row s = e2e.summaryRows().get(i);
      String key = s.getAs("variant") + "," + s.getAs("budget") + "," + s.getAs("policy");
      assertThat(key).as("summary row %d in table order", i).isEqualTo(order.get(i));
      List<Row> g = groups.get(key);
      int n = g.size();
      double sum = 0;
      double oracleSum = 0;
      for (Row r : g) {
        sum += r.<Double>getAs(EvalSchemas.RETURN);
        oracleSum += r.<Double>getAs(EvalSchemas.ORACLE_RETURN);
      }
      double mean = sum / n;
      double ss = 0;
      for (Row r : g) {
        double d = r.<Double>getAs(EvalSchemas.RETURN) - mean;
        ss += d * d;
      }
      double se = Math.sqrt(ss / (n - 1)) / Math.sqrt(n);
      assertThat(s.<Long>getAs("n_tasks")).as(key).isEqualTo((long) COUNT);
      assertThat(s.<Double>getAs("mean_return")).as(key).isCloseTo(mean, within(1e-9));
      assertThat(s.<Double>getAs("se_return")).as(key).isCloseTo(se, within(1e-9));
      assertThat(s.<Double>getAs("oracle_return")).as(key).isCloseTo(oracleSum / n, within(1e-9));
      assertThat(s.<Double>getAs("fraction_of_oracle"))
          .as(key)
          .isCloseTo(mean / (oracleSum / n), within(1e-12));
      String[] cells = csv.get(1 + i).split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
      assertThat(Double.parseDouble(cells[6])).as("csv mean").isEqualTo(s.getAs("mean_return"));
      assertThat(Double.parseDouble(cells[7])).as("csv se").isEqualTo(s.getAs("se_return"));
    }
    assertThat(e2e.markdown().lines().filter(l -> l.startsWith("| ")).count())
        .as("markdown: header, separator and one line per row")
        .isEqualTo(2 + order.size());
    assertThat(e2e.manifest())
        .contains("\"path\" : \"parquet\"")
        .contains("\"path\" : \"summary\"");
  }

  @Test
  void rolloutTrajectoriesSumToTheEvaluatedReturns() throws Exception {
    for (String[] c :
        new String[][] {
          {"mdps", "ood", "psrl(mu0=0)", "s10a5"},
          {"bandits", "test", "thompson", "k5"},
          {"gridworld", "ood", "random", "13x13_corner"}
        }) {
      List<Row> steps =
          EvalRuns.rollout(
              spark,
              dir,
              dir.resolve("rollout"),
              "rollout { family = "
                  + c[0]
                  + ", split = "
                  + c[1]
                  + ", count = "
                  + COUNT
                  + ", budget = 30, episodes = 2, policy = \""
                  + c[2]
                  + "\" }",
              "family.gridworld.variant=13x13_corner");
      assertThat(steps).as(c[2]).hasSize(COUNT * 2 * 30);
      double[][] sums = new double[COUNT][2];
      for (Row r : steps) {
        sums[(int) (long) r.<Long>getAs("task_index")][r.<Integer>getAs("episode")] +=
            r.<Float>getAs("reward");
      }
      boolean episodesDiffer = false;
      for (Row r : e2e.rows()) {
        if (r.getAs(EvalSchemas.VARIANT).equals(c[3])
            && r.<Integer>getAs(EvalSchemas.BUDGET) == 30
            && r.getAs(EvalSchemas.POLICY).equals(c[2])) {
          int i = (int) (long) r.<Long>getAs(EvalSchemas.TASK_INDEX);
          double fromRewards = 0;
          for (float x : floats(r, EvalSchemas.REWARDS)) {
            fromRewards += x;
          }
          assertThat(sums[i][0])
              .as("%s task %d: rollout episode 0 vs rewards", c[2], i)
              .isEqualTo(fromRewards);
          assertThat(sums[i][0])
              .as("%s task %d: vs return", c[2], i)
              .isCloseTo(r.<Double>getAs(EvalSchemas.RETURN), within(1e-4));
          episodesDiffer |= sums[i][1] != sums[i][0];
        }
      }
      assertThat(episodesDiffer).as("%s: meta-episode 1 is another draw", c[2]).isTrue();
    }
  }

  @Test
  void tenThousandBanditTasks() throws Exception {
    long start = System.nanoTime();
    EvalRuns.Evaluation e =
        EvalRuns.evaluate(
            spark,
            dir,
            dir.resolve("big"),
            "evaluate { name = big, count = 10000, budgets = [10], policies = [greedy],"
                + " progress-seconds = 0 }");
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(e.rows()).hasSize(10_000);
    Row s = e.summaryRows().get(0);
    assertThat(s.<Long>getAs("n_tasks")).isEqualTo(10_000L);
    // Greedy's exact Bayesian value at k = 5, H = 10 is 6.5686; the oracle's k/(k+1)·H = 8.333.
    double se = s.getAs("se_return");
    assertThat(s.<Double>getAs("mean_return")).isCloseTo(6.5686, within(5 * se));
    assertThat(s.<Double>getAs("oracle_return")).isCloseTo(50.0 / 6, within(5 * 0.0141));
    System.out.printf("10,000 bandit tasks x greedy x H=10 evaluated in %.1f s%n", seconds);
  }

  @Test
  void commandLineRunsTheSmokeConfAndPrintsTheTable() throws Exception {
    Path conf = Path.of(System.getProperty("rl3.repo.root", "..")).resolve("conf/eval/smoke.conf");
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();

    int code =
        org.rl3spark.jobs.Rl3.run(
            new String[] {
              "evaluate",
              "--conf",
              conf.toString(),
              "--set",
              "evaluate.count=4",
              "--out",
              dir.toString()
            },
            new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
            new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8),
            SparkTestSessions.shared(spark));

    assertThat(code).as("exit code; stderr: %s", err).isEqualTo(org.rl3spark.jobs.Rl3.OK);
    EvalRuns.Evaluation e = EvalRuns.read(spark, dir.resolve("eval/smoke"));
    // bandits: 6 of the 8 policies, mdps: 5 (greedy applies to both), gridworld: 2; 2 budgets.
    assertThat(e.summaryRows()).hasSize(2 * (6 + 5 + 2));
    assertThat(e.rows()).hasSize(4 * 2 * (6 + 5 + 2));
    String printed = out.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(printed).contains(e.markdown()).contains("written to " + dir.resolve("eval/smoke"));
  }

  @Test
  void nonFiniteReturnsAreRejectedNotAggregated() {
    List<Row> rows = new ArrayList<>();
    for (long i = 0; i < 4; i++) {
      rows.add(
          RowFactory.create(
              1,
              "bandits",
              "k5",
              "test",
              10,
              "random",
              i,
              7L,
              i == 2 ? Double.NaN : 5.0,
              8.0,
              new float[10]));
    }
    List<EvalSummary.Key> keys =
        List.of(new EvalSummary.Key("bandits", "k5", "test", 10, "random"));
    Throwable t =
        catchThrowable(
            () -> EvalSummary.compute(spark.createDataFrame(rows, EvalSchemas.RESULTS), keys, 4));
    assertThat(t)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("1 non-finite returns (first at task 2)");
    List<Row> fine = new ArrayList<>(rows);
    fine.set(
        2,
        RowFactory.create(
            1, "bandits", "k5", "test", 10, "random", 2L, 7L, 5.0, 8.0, new float[10]));
    fine.add(
        RowFactory.create(
            1, "bandits", "k5", "test", 10, "random", 3L, 7L, 5.0, 8.0, new float[10]));
    Throwable dup =
        catchThrowable(
            () -> EvalSummary.compute(spark.createDataFrame(fine, EvalSchemas.RESULTS), keys, 4));
    assertThat(dup).hasMessageContaining("1 repeated task indices").hasMessageContaining("5 tasks");
  }
}
