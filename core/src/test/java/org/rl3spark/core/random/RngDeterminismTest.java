package org.rl3spark.core.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.rl3spark.core.testing.Serialization;

class RngDeterminismTest {

  /** A mixed sequence of draws from every sampler, so that any divergence shows. */
  private static double[] draws(Rng rng, int n) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      switch (i % 7) {
        case 0 -> out[i] = rng.nextLong();
        case 1 -> out[i] = rng.nextDouble();
        case 2 -> out[i] = rng.nextGaussian();
        case 3 -> out[i] = rng.nextInt(13);
        case 4 -> out[i] = rng.nextGamma(0.3);
        case 5 -> out[i] = rng.nextBeta(2, 3);
        default -> out[i] = rng.nextBoolean() ? 1 : 0;
      }
    }
    return out;
  }

  @Test
  void sameSeedGivesSameStreamAndDifferentSeedsDiffer() {
    assertThat(draws(new Rng(12345L), 2000)).containsExactly(draws(new Rng(12345L), 2000));
    long[] a = new long[64];
    long[] b = new long[64];
    Rng ra = new Rng(12345L);
    Rng rb = new Rng(12346L);
    for (int i = 0; i < 64; i++) {
      a[i] = ra.nextLong();
      b[i] = rb.nextLong();
    }
    int equal = 0;
    for (int i = 0; i < 64; i++) {
      equal += a[i] == b[i] ? 1 : 0;
    }
    assertThat(equal).as("equal outputs of neighbouring seeds").isZero();
  }

  @Test
  void zeroSeedIsUsable() {
    Rng rng = new Rng(0L);
    long first = rng.nextLong();
    long second = rng.nextLong();
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void copyContinuesIdenticallyIncludingTheSpareGaussian() {
    Rng rng = new Rng(Seeds.derive(1L, "test/rng/copy"));
    for (int i = 0; i < 101; i++) {
      rng.nextLong();
    }
    rng.nextGaussian(); // the polar method makes two: the second is kept as a spare in the state
    Rng copy = rng.copy();
    assertThat(draws(copy, 1000)).containsExactly(draws(rng, 1000));
  }

  @Test
  void copyIsIndependentOfTheOriginal() {
    Rng rng = new Rng(99L);
    Rng copy = rng.copy();
    draws(copy, 50); // advancing the copy must not move the original
    assertThat(draws(rng, 200)).containsExactly(draws(new Rng(99L), 200));
  }

  @Test
  void serialisedCopyContinuesIdentically() {
    Rng rng = new Rng(Seeds.derive(2L, "test/rng/serial"));
    for (int i = 0; i < 57; i++) {
      rng.nextLong();
    }
    rng.nextGaussian(); // leaves a spare
    Rng shipped = Serialization.roundTrip(rng);
    assertThat(draws(shipped, 1000)).containsExactly(draws(rng, 1000));
  }

  @Test
  void goldenFirstOutputsArePinned() {
    // Regression pin, computed once from this implementation (xoshiro256** seeded by SplitMix-style
    // expansion): a change means every derived stream, hence every task and rollout, changed.
    Rng rng = new Rng(42L);
    assertThat(new long[] {rng.nextLong(), rng.nextLong(), rng.nextLong()})
        .containsExactly(GOLDEN_42[0], GOLDEN_42[1], GOLDEN_42[2]);
  }

  private static final long[] GOLDEN_42 = {
    -5082830864579536222L, -785599395563652934L, 6729875578075137589L
  };

  @Test
  void uniformDoublesStayInTheirRanges() {
    Rng rng = new Rng(Seeds.derive(3L, "test/rng/range"));
    for (int i = 0; i < 200_000; i++) {
      double u = rng.nextDouble();
      assertThat(u).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
      double w = rng.nextDoubleOpenZero();
      assertThat(w).isGreaterThan(0.0).isLessThanOrEqualTo(1.0);
    }
  }

  @Test
  void integerRangesAndArgumentChecks() {
    Rng rng = new Rng(4L);
    boolean[] seen = new boolean[5];
    for (int i = 0; i < 1000; i++) {
      int x = rng.nextIntInclusive(-2, 2);
      assertThat(x).isBetween(-2, 2);
      seen[x + 2] = true;
    }
    assertThat(seen).containsOnly(true);
    assertThat(rng.nextInt(1)).isZero();
    assertThatThrownBy(() -> rng.nextInt(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bound must be positive");
    assertThatThrownBy(() -> rng.nextIntInclusive(3, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty range");
    assertThatThrownBy(() -> rng.nextGamma(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shape");
    assertThatThrownBy(() -> Categorical.sample(new double[] {0, 0}, 0, 2, rng))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no positive mass");
  }
}
