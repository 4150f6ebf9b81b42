package org.rl3spark.core.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.random.Seeds;
import org.rl3spark.core.testing.TestConfigs;
import org.rl3spark.core.vamdp.VamdpConfig;

/**
 * The default task seeds of {@link TaskFamily}: a pure function of (family, variant, split, index,
 * master).
 */
class TaskFamilySeedTest {

  private record Family(String family, String variant) implements TaskFamily {
    @Override
    public Task generate(Split split, long index, long masterSeed) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean supports(Split split) {
      return true;
    }

    @Override
    public int taskHorizon() {
      return 1;
    }

    @Override
    public VamdpConfig vamdpDefaults() {
      return TestConfigs.bandits();
    }
  }

  @Test
  void taskSeedIsTheDocumentedDerivation() {
    Family f = new Family("bandits", "k5");
    assertThat(f.taskSeed(Split.TEST, 17, 3L))
        .isEqualTo(Seeds.derive(3L, Seeds.TASK, Seeds.hash("bandits"), Seeds.hash("k5"), 1, 17));
    Rng a = f.taskRng(Split.TEST, 17, 3L);
    Rng b = new Rng(f.taskSeed(Split.TEST, 17, 3L));
    for (int i = 0; i < 20; i++) {
      assertThat(a.nextLong()).isEqualTo(b.nextLong());
    }
  }

  @Test
  void seedsDifferAcrossFamiliesVariantsSplitsIndicesAndMasters() {
    Set<Long> seeds = new HashSet<>();
    int expected = 0;
    for (Family f :
        new Family[] {
          new Family("bandits", "k5"), new Family("bandits", "k10"), new Family("mdps", "k5")
        }) {
      for (Split split : Split.values()) {
        for (long index = 0; index < 50; index++) {
          for (long master = 0; master < 3; master++) {
            seeds.add(f.taskSeed(split, index, master));
            expected++;
          }
        }
      }
    }
    assertThat(seeds).hasSize(expected);
  }
}
