package org.rl3spark.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rl3spark.core.task.Split;
import org.rl3spark.envs.bandit.BanditsConfig;
import org.rl3spark.envs.grid.GridFamily;
import org.rl3spark.envs.mdp.RandomMdpFamily;
import org.rl3spark.jobs.TestConfigs;

/** Loading, overriding and type-checking configs (no Spark). */
class ConfigLoaderTest {

  @TempDir Path dir;

  private LoadedConfig load(String hocon, String... sets) {
    return TestConfigs.load(dir, hocon, sets);
  }

  private ConfigProblems problems(String hocon, String... sets) {
    return catchThrowableOfType(() -> load(hocon, sets), ConfigProblems.class);
  }

  @Test
  void emptyFileGivesTheDocumentedDefaults() {
    Rl3Config c =
        ConfigLoader.load(TestConfigs.write(dir, "e.conf", ""), List.of(), null, false).config();
    assertThat(c.masterSeed()).isEqualTo(42);
    assertThat(c.output().dir()).isEqualTo("data");
    assertThat(c.spark()).isEqualTo(new SparkConfig("local[*]", 0, Map.of()));
    assertThat(c.tasks()).isEqualTo(new TasksConfig("bandits", Split.TEST, 1000));
    assertThat(c.family().get("bandits", BanditsConfig.class).arms()).isEqualTo(5);
    assertThat(c.family().get("mdps").toFamily()).isEqualTo(RandomMdpFamily.standard());
    assertThat(c.family().get("gridworld").toFamily()).isEqualTo(GridFamily.of("13x13"));
    assertThat(c.demo().count()).isEqualTo(1000);
    assertThat(c.demo().sets()).hasSize(11);
    assertThat(c.demo().sets().get(6).taskFamily().variant()).isEqualTo("13x13_dense");
    assertThat(c.demo().sets().get(6).split()).isEqualTo(Split.OOD);
    assertThat(c.testing()).isEqualTo(TestingConfig.NONE);
  }

  @Test
  void setValuesAreHoconValuesAndOverrideTheFile() {
    LoadedConfig l =
        load(
            "tasks.count = 10\nmaster-seed = 7\n",
            "tasks.count=50",
            "spark.conf.\"spark.sql.shuffle.partitions\"=3",
            "demo.sets=[{family=mdps,split=ood},{family=bandits,arms=3,split=train}]",
            "output.dir=/tmp/x//y/./z",
            "master-seed=${tasks.count}");
    Rl3Config c = l.config();
    assertThat(c.tasks().count()).as("--set wins over the file").isEqualTo(50);
    assertThat(c.masterSeed()).as("substitution over the merged layers").isEqualTo(50);
    assertThat(c.spark().conf()).containsEntry("spark.sql.shuffle.partitions", "3");
    assertThat(c.demo().sets()).hasSize(2);
    assertThat(c.demo().sets().get(1).taskFamily().variant()).isEqualTo("k3");
    assertThat(c.demo().sets().get(1).split()).isEqualTo(Split.TRAIN);
    assertThat(c.output().dir()).as("normalised").isEqualTo("/tmp/x/y/z");
    assertThat(l.resolvedJson()).contains("\"count\":50");
  }

  @Test
  void outOverridesOutputDirAndLaterSetsWin() {
    Rl3Config c =
        ConfigLoader.load(
                TestConfigs.write(dir, "o.conf", "output.dir = a"),
                List.of("tasks.count=5", "tasks.count=6", "output.dir=b"),
                "hdfs://nn:8020/r/./s/",
                false)
            .config();
    assertThat(c.tasks().count()).isEqualTo(6);
    assertThat(c.output().dir()).isEqualTo("hdfs://nn:8020/r/s");
  }

  @Test
  void setValueThatIsNotHoconIsAString() {
    assertThat(ConfigLoader.parseValue("a//b", "t").unwrapped()).isEqualTo("a//b");
    assertThat(ConfigLoader.parseValue("[1,2]", "t").unwrapped()).isEqualTo(List.of(1, 2));
    assertThat(ConfigLoader.parseValue("50", "t").unwrapped()).isEqualTo(50);
    assertThat(ConfigLoader.parseValue("{include url(\"http://x\")}", "t").unwrapped())
        .as("includes in --set values are never followed")
        .isEqualTo("{include url(\"http://x\")}");
  }

  @Test
  void familyBlocksAndGridworldSettingsMapOntoTheEnvsRecords() {
    Rl3Config c =
        load("tasks { family = gridworld, split = ood }\n"
                + "family.gridworld { variant = 13x13_corner, min-return = 60, max-attempts = 5 }\n"
                + "family.mdps { states = 4, actions = 2, ood-alpha = 0.5 }")
            .config();
    GridFamily g = (GridFamily) c.tasksFamily();
    assertThat(g.variant()).isEqualTo("13x13_corner");
    assertThat(g.minReturn()).isEqualTo(60);
    assertThat(g.maxReturn()).isEqualTo(100);
    assertThat(g.maxAttempts()).isEqualTo(5);
    assertThat(c.family().get("mdps").toFamily())
        .isEqualTo(new RandomMdpFamily(4, 2, 1.0, 0.5, 1.0, 1.0, 1.0, 10));
  }

  @Test
  void sparkConfBlocksMayBeNestedOrQuoted() {
    Rl3Config c =
        load("spark.conf { spark.sql.shuffle.partitions = 4, \"spark.task.maxFailures\" = 3 }")
            .config();
    assertThat(c.spark().conf())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("spark.sql.shuffle.partitions", "4", "spark.task.maxFailures", "3"));
  }

  @Test
  void unknownKeysAreReportedWithSuggestions() {
    ConfigProblems p =
        problems("task { count = 3 }\ntasks.cout = 5\nfamily.mdps.alhpa = 2\nfamly = 1\n");
    assertThat(p.problems())
        .extracting(ConfigProblem::path)
        .containsExactlyInAnyOrder("task", "tasks.cout", "family.mdps.alhpa", "famly");
    assertThat(p.getMessage())
        .contains("task: unknown key")
        .contains("did you mean 'tasks'?")
        .contains("did you mean 'count'?")
        .contains("did you mean 'alpha'?")
        .contains("did you mean 'family'?");
  }

  @Test
  void testingNamespaceNeedsTheSystemProperty() {
    Path f = TestConfigs.write(dir, "t.conf", "testing.fail-once-at-index = 3");
    ConfigProblems p =
        catchThrowableOfType(
            () -> ConfigLoader.load(f, List.of(), null, false), ConfigProblems.class);
    assertThat(p.problems()).extracting(ConfigProblem::path).containsExactly("testing");
    assertThat(p.getMessage()).contains("-Drl3.testing=true");
    assertThat(ConfigLoader.load(f, List.of(), null, true).config().testing())
        .isEqualTo(new TestingConfig(3, -1, false));
  }

  @Test
  void wrongTypesNameTheKeyAndTheExpectedType() {
    ConfigProblems p =
        problems(
            "family.bandits.arms = five\n"
                + "tasks.count = 2.5\n"
                + "spark = 3\n"
                + "demo.sets = { family = bandits }\n"
                + "master-seed = [1]\n");
    assertThat(p.problems())
        .extracting(ConfigProblem::path)
        .containsExactlyInAnyOrder(
            "family.bandits.arms", "tasks.count", "spark", "demo.sets", "master-seed");
    assertThat(p.getMessage())
        .contains("family.bandits.arms: wrong type: expected an integer, got string \"five\"")
        .contains("tasks.count: wrong type: expected an integer, got number 2.5")
        .contains("spark: wrong type: expected a block");
  }

  @Test
  void demoSetsAreValidatedOneByOne() {
    ConfigProblems p =
        problems(
            "demo.sets = [\n"
                + "  { family = bandits, split = test }\n"
                + "  { family = gridworld, varient = 13x13, split = test }\n"
                + "  { family = gridworld, variant = 13x13, split = ood }\n"
                + "  { family = bandit, split = test }\n"
                + "  { family = mdps, split = tset }\n"
                + "  { family = mdps, alpha = -1, split = test }\n"
                + "  { split = test }\n"
                + "  7\n"
                + "]");
    assertThat(p.problems())
        .extracting(ConfigProblem::path)
        .containsExactlyInAnyOrder(
            "demo.sets[1].varient",
            "demo.sets[2].split",
            "demo.sets[3].family",
            "demo.sets[4].split",
            "demo.sets[5]",
            "demo.sets[6].family",
            "demo.sets[7]");
    assertThat(p.getMessage())
        .contains("did you mean 'variant'?")
        .contains("did you mean 'bandits'?")
        .contains("has no 'ood' split")
        .contains("alpha (Dirichlet concentration) must be > 0, got -1.0");
  }

  @Test
  void duplicateDemoSetsAreRejected() {
    ConfigProblems p =
        problems(
            "demo.sets = [ { family = bandits, split = test }, { family = bandits, split = test }"
                + " ]");
    assertThat(p.problems()).extracting(ConfigProblem::path).containsExactly("demo.sets");
    assertThat(p.getMessage()).contains("bandits/k5/test twice");
  }

  @Test
  void outputDirsAreNormalisedAndUnsafeOnesRejected() {
    assertThat(new OutputConfig("./data//x/").dir()).isEqualTo("data/x");
    assertThat(new OutputConfig("s3a://bucket/a/./b").dir()).isEqualTo("s3a://bucket/a/b");
    for (String bad : List.of("", "  ", "/", ".", "../x", "data/../../etc", "hdfs://nn/a/../b")) {
      assertThatThrownBy(() -> new OutputConfig(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void sparkMasterIsCheckedBeforeAnySessionExists() {
    ConfigProblems p =
        problems(
            "spark.master = \"locl[2]\"\nspark.partitions = -1\n"
                + "spark.no-executor-timeout = -5");
    assertThat(p.problems())
        .extracting(ConfigProblem::path)
        .containsExactlyInAnyOrder("spark.master", "spark.partitions", "spark.no-executor-timeout");
    assertThat(load("spark.no-executor-timeout = 0").config().spark().noExecutorTimeoutSeconds())
        .isZero();
    for (String ok :
        List.of("local", "local[*]", "local[2]", "local[2,4]", "yarn", "spark://h:7077")) {
      assertThat(load("spark.master = \"" + ok + "\"").config().spark().master()).isEqualTo(ok);
    }
  }

  @Test
  void unsupportedSplitOfTheTasksFamilyIsReportedAtTasksSplit() {
    ConfigProblems p = problems("tasks { family = gridworld, split = ood }");
    assertThat(p.problems()).extracting(ConfigProblem::path).containsExactly("tasks.split");
    assertThat(p.getMessage()).contains("gridworld variant '13x13' has no 'ood' split");
  }
}
