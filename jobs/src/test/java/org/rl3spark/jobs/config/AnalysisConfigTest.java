package org.rl3spark.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rl3spark.jobs.TestConfigs;

/** The {@code analysis} block: documented defaults and all-problems validation (no Spark). */
class AnalysisConfigTest {

  @TempDir Path dir;

  private ConfigProblems problems(String hocon) {
    return catchThrowableOfType(() -> TestConfigs.load(dir, hocon), ConfigProblems.class);
  }

  @Test
  void defaultsAreThePapersSettings() {
    AnalysisConfig a = TestConfigs.load(dir, "").config().analysis();
    assertThat(a.qunique().settings())
        .containsExactly(new MdpSetting(1, 1), new MdpSetting(0.1, 1), new MdpSetting(0.1, 0.5));
    assertThat(a.qunique().nMdps()).isEqualTo(50_000);
    assertThat(a.qunique().deltas()).containsExactly(0.1, 0.25, 0.5, 1.0);
    assertThat(a.qunique().methods()).containsExactly("all-pairs", "grid");
    assertThat(a.qunique().horizon()).isEqualTo(10);
    assertThat(a.qunique().gamma()).isEqualTo(1.0);
    assertThat(a.estimates())
        .isEqualTo(new EstimatesConfig(0.1, 0.5, 1.0, 50, 10, 0.95, 0.1, 0.01, 10));
    assertThat(a.qdup().nMdps()).isEqualTo(5000);
    assertThat(a.qdup().deltas()).containsExactly(0.1);
    assertThat(a.qclassify().nMdps()).isEqualTo(10_000);
    assertThat(a.qclassify().hidden()).isEqualTo(64);
    assertThat(a.qclassify().training()).isEqualTo("tasks");
    assertThat(a.qclassify().stepsUpTo(50)).containsExactly(1, 2, 3, 5, 10, 20, 30, 50);
  }

  @Test
  void emptyStepListMeansEveryStep() {
    AnalysisConfig a =
        TestConfigs.load(dir, "analysis.qclassify.steps = []\nanalysis.estimates.steps = 7")
            .config()
            .analysis();
    assertThat(a.qclassify().stepsUpTo(7)).containsExactly(1, 2, 3, 4, 5, 6, 7);
  }

  @Test
  void everyProblemIsListedWithItsKey() {
    ConfigProblems p =
        problems(
            "analysis.qunique { deltas = [0.5, 0.1], methods = [all-pairs, gird],"
                + " settings = [{alpha = 0, beta = 1}, {alpha = 1, bta = 1}], n-mdps = 1,"
                + " grid-dims = 7 }\n"
                + "analysis.estimates { gamma = 1.5, steps = 20 }\n"
                + "analysis.qdup { deltas = [] }\n"
                + "analysis.qclassify { training = tsks, steps = [5, 3] }");
    List<String> paths = p.problems().stream().map(ConfigProblem::path).toList();
    assertThat(paths)
        .contains(
            "analysis.qunique.deltas",
            "analysis.qunique.methods",
            "analysis.qunique.settings[0].alpha",
            "analysis.qunique.settings[1].bta",
            "analysis.qunique.n-mdps",
            "analysis.qunique.grid-dims",
            "analysis.estimates.gamma",
            "analysis.qdup.deltas",
            "analysis.qclassify.training",
            "analysis.qclassify.steps");
    assertThat(p.getMessage())
        .contains("strictly increasing")
        .contains("did you mean 'grid'")
        .contains("did you mean 'tasks'");
  }

  @Test
  void unknownKeysInTheBlockAreReported() {
    ConfigProblems p = problems("analysis.qunique.nmdps = 5");
    assertThat(p.problems())
        .anySatisfy(x -> assertThat(x.path()).isEqualTo("analysis.qunique.nmdps"));
    assertThat(p.getMessage()).contains("n-mdps");
  }
}
