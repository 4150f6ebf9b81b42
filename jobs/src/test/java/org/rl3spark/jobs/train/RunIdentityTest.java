package org.rl3spark.jobs.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rl3spark.jobs.config.ConfigLoader;
import org.rl3spark.jobs.config.TrainConfig;

/**
 * The identity text: the v1 settings under their v1 names (the shipped runs' hashes are checked by
 * {@code ShippedRunHashTest}), later settings by key only when they differ from their defaults.
 */
class RunIdentityTest {

  @Test
  void everyV1SettingIsWrittenInV1OrderAndForkOnlyForAFork() {
    TrainConfig t = ConfigLoader.defaultConfig().train();
    Map<String, String> defaults = RunIdentity.settings(t);
    assertThat(RunIdentity.text(defaults, defaults))
        .isEqualTo(
            "family=bandits algorithm=rl3 horizon=100 schedule=100 envs=64 seqs=32 steps=512"
                + " epochs=8 gamma=0.99 lambda=0.3 clip=0.2 kl=0.01 lr=3.0E-4 entropy=0.1"
                + " decay=true block=10 fit=local workers=0 freq=0 threads=1 fit-threads=1");
    Map<String, String> fork = new LinkedHashMap<>(defaults);
    fork.put("train.fork.iteration", "7");
    assertThat(RunIdentity.text(fork, defaults)).endsWith(" fit-threads=1 fork=7");
  }

  @Test
  void aSettingAddedLaterIsWrittenOnlyWhenItDiffersFromItsDefault() {
    Map<String, String> defaults = RunIdentity.settings(ConfigLoader.defaultConfig().train());
    defaults.put("train.value-clip", "0.0");
    Map<String, String> run = new LinkedHashMap<>(defaults);
    String before = RunIdentity.text(run, defaults);
    assertThat(before).doesNotContain("value-clip");
    run.put("train.value-clip", "0.2");
    run.put("train.a-later", "x");
    assertThat(RunIdentity.text(run, defaults))
        .isEqualTo(before + " train.a-later=x train.value-clip=0.2");
  }

  @Test
  void theIdentityHoldsEverySettingButBookkeeping() {
    assertThat(RunIdentity.settings(ConfigLoader.defaultConfig().train()).keySet())
        .containsAll(RunIdentity.V1.keySet())
        .doesNotContain(
            "train.name",
            "train.iterations",
            "train.checkpoint-every",
            "train.eval-every",
            "train.resume",
            "train.fork.from",
            "train.ship.dir");
  }

  @Test
  void differencesNameV1SettingsAndLaterOnesByTheirKeys() {
    assertThat(
            TrainRunDir.differences(
                "family=bandits lr=3.0E-4 seed=1 family=BanditsConfig[arms=5]",
                "family=bandits lr=0.001 train.vamdp.gamma=1.0 seed=1"
                    + " family=BanditsConfig[arms=5]"))
        .isEqualTo("train.learning-rate: 3.0E-4 -> 0.001, train.vamdp.gamma: (none) -> 1.0");
  }
}
