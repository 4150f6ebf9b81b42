package org.rl3spark.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rl3spark.core.vamdp.QSource;
import org.rl3spark.core.vamdp.VamdpConfig;
import org.rl3spark.envs.bandit.BanditFamily;
import org.rl3spark.envs.grid.GridFamily;
import org.rl3spark.jobs.TestConfigs;
import org.rl3spark.jobs.train.TrainJob;

/**
 * {@code train.vamdp} sets the VAMDP a training run uses (reference §3 and §8): the family's
 * defaults (the code's reading) unless it changes them, the paper's reading, single settings; the
 * change reaches the training setup and the run's identity, and what cannot apply is refused.
 */
class TrainVamdpTest {

  @TempDir Path dir;

  private Rl3Config load(String hocon, String... sets) {
    return TestConfigs.load(dir, hocon, sets).config();
  }

  private String problems(String hocon, String... sets) {
    return catchThrowableOfType(() -> TestConfigs.load(dir, hocon, sets), ConfigProblems.class)
        .getMessage();
  }

  @Test
  void byDefaultTheRunUsesTheFamilysDefaultsAndItsIdentityDoesNotNameThem() {
    Rl3Config c = load("");
    assertThat(c.train().vamdp()).isNull();
    assertThat(TrainJob.setup(c).resolvedVamdp()).isEqualTo(new BanditFamily(5).vamdpDefaults());
    assertThat(TrainJob.identity(c)).doesNotContain("vamdp");
    Rl3Config same = load("train.vamdp { reading = code, gamma = 0.95, q-source = latest_vi }");
    assertThat(same.train().vamdp()).as("the family's values, spelt out").isNull();
    assertThat(TrainJob.configHash(same)).isEqualTo(TrainJob.configHash(c));
  }

  @Test
  void thePapersReadingAndSingleSettingsChangeTheVamdpUsed() {
    VamdpConfig code = new BanditFamily(5).vamdpDefaults();
    Rl3Config paper = load("train.vamdp.reading = paper");
    assertThat(TrainJob.setup(paper).resolvedVamdp()).isEqualTo(code.paper());
    assertThat(TrainJob.setup(paper).resolvedVamdp().gamma()).isEqualTo(1.0);
    assertThat(TrainJob.setup(paper).resolvedVamdp().incrementalStates()).isTrue();

    Rl3Config one =
        load(
            "train.vamdp { epsilon = 0.001, q-source = successor_cache }",
            "train.vamdp.max-sweeps=3");
    VamdpConfig v = TrainJob.setup(one).resolvedVamdp();
    assertThat(v.epsilon()).isEqualTo(0.001);
    assertThat(v.qSource()).isEqualTo(QSource.SUCCESSOR_CACHE);
    assertThat(v.maxSweeps()).isEqualTo(3);
    assertThat(v.withQSource(QSource.LATEST_VI))
        .as("every other setting is the family's")
        .isEqualTo(
            new VamdpConfig(0.95, 0.001, 3, 0.1, 1.0, 10.0, false, false, QSource.LATEST_VI, 0, 1));

    String identity = TrainJob.identity(one);
    assertThat(identity)
        .contains(" train.vamdp.epsilon=0.001 ")
        .contains(" train.vamdp.q-source=successor_cache ")
        .startsWith(TrainJob.identity(load("")).replaceFirst(" seed=.*", ""));
    assertThat(TrainJob.configHash(one))
        .isNotEqualTo(TrainJob.configHash(load("")))
        .isNotEqualTo(TrainJob.configHash(paper));
  }

  @Test
  void coarseRunsStartFromTheGridsAbstraction() {
    String grid = "train { family = gridworld, algorithm = rl3_coarse }\n";
    GridFamily g = GridFamily.of("13x13");
    assertThat(TrainJob.setup(load(grid)).resolvedVamdp()).isEqualTo(g.coarseDefaults());
    Rl3Config paper = load(grid + "train.vamdp.reading = paper");
    assertThat(TrainJob.setup(paper).resolvedVamdp()).isEqualTo(g.coarseDefaults().paper());
    assertThat(problems(grid + "train.vamdp.cluster-size = 1"))
        .contains("train.vamdp: rl3_coarse abstracts states");
  }

  @Test
  void whatCannotApplyIsRefusedNamingTheKey() {
    assertThat(problems("train.algorithm = rl2\ntrain.vamdp.gamma = 1"))
        .contains("train.vamdp: rl2 reads no VAMDP");
    assertThat(problems("train.vamdp.gama = 1"))
        .contains("train.vamdp.gama: unknown key")
        .contains("did you mean 'gamma'?");
    assertThat(problems("train.vamdp { reading = book, gamma = 2, q-source = stale }"))
        .contains("train.vamdp.reading: must be code")
        .contains("paper");
    assertThat(problems("train.vamdp { gamma = 2, q-source = stale }"))
        .contains("train.vamdp.q-source: must be one of latest_vi, successor_cache");
    assertThat(problems("train.vamdp.gamma = 2"))
        .contains("train.vamdp: invalid VAMDP config: gamma must be in (0, 1], got 2.0");
  }
}
