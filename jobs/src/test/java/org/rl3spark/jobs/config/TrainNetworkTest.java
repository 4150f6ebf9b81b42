package org.rl3spark.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rl3spark.jobs.TestConfigs;
import org.rl3spark.jobs.train.TrainJob;
import org.rl3spark.learner.net.NetworkSizes;
import org.rl3spark.learner.net.NetworkSpec;

/**
 * {@code train.network} sets the sizes of the networks a run trains (the reference's by default),
 * reaches the networks' spec and the run's identity, and is validated and bounded key by key.
 */
class TrainNetworkTest {

  @TempDir Path dir;

  private Rl3Config load(String... sets) {
    return TestConfigs.load(dir, "", sets).config();
  }

  private String problems(String... sets) {
    return catchThrowableOfType(() -> TestConfigs.load(dir, "", sets), ConfigProblems.class)
        .getMessage();
  }

  @Test
  void theDefaultsAreTheReferencesSizesAndLeaveTheIdentityAsItWas() {
    Rl3Config c = load();
    assertThat(c.train().network()).isEqualTo(NetworkSizes.REFERENCE);
    NetworkSpec spec = TrainJob.setup(c).networkSpec();
    assertThat(spec.dModel()).isEqualTo(64);
    assertThat(spec.criticL2()).isEqualTo(0.01);
    assertThat(TrainJob.identity(c)).doesNotContain("network");
  }

  @Test
  void otherSizesReachTheNetworksAndTheIdentity() {
    Rl3Config c = load("train.network={ d-model = 32, heads = 2, critic-l2 = 0 }");
    NetworkSpec spec = TrainJob.setup(c).networkSpec();
    assertThat(spec.dModel()).isEqualTo(32);
    assertThat(spec.heads()).isEqualTo(2);
    assertThat(spec.criticL2()).isEqualTo(0.0);
    assertThat(spec.ffSize()).as("the others are the defaults").isEqualTo(256);
    assertThat(TrainJob.identity(c))
        .contains(
            " fit-threads=1 train.network.critic-l2=0.0 train.network.d-model=32"
                + " train.network.heads=2 seed=");
    assertThat(TrainJob.configHash(c)).isNotEqualTo(TrainJob.configHash(load()));
  }

  @Test
  void badSizesAreNamedByTheirKeys() {
    assertThat(problems("train.network.d-model=30", "train.network.critic-l2=-1"))
        .contains("train.network.d-model: must be a multiple of heads (4), got 30")
        .contains("train.network.critic-l2: must be finite and >= 0, got -1.0");
    assertThat(problems("train.network.hidden=100000"))
        .contains("train.network.hidden: 100000 exceeds the bound 16384");
  }
}
