package org.rl3spark.core.vamdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.rl3spark.core.testing.TestConfigs;

class VamdpConfigTest {

  private static VamdpConfig with(
      double gamma,
      double eps,
      int sweeps,
      double laplace,
      double qDenom,
      double countDenom,
      boolean incremental,
      QSource source,
      double radius,
      int size) {
    return new VamdpConfig(
        gamma, eps, sweeps, laplace, qDenom, countDenom, false, incremental, source, radius, size);
  }

  @Test
  void eachInvalidFieldIsNamedWithItsValue() {
    assertThatThrownBy(() -> with(0, 0.01, 0, 0.1, 1, 10, true, QSource.LATEST_VI, 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid VAMDP config: gamma must be in (0, 1], got 0.0");
    assertThatThrownBy(() -> with(1.5, 0.01, 0, 0.1, 1, 10, true, QSource.LATEST_VI, 0, 1))
        .hasMessageContaining("gamma must be in (0, 1], got 1.5");
    assertThatThrownBy(() -> with(0.95, -1, 0, 0.1, 1, 10, true, QSource.LATEST_VI, 0, 1))
        .hasMessageContaining("epsilon must be finite and >= 0, got -1.0");
    assertThatThrownBy(() -> with(0.95, 0.01, -2, 0.1, 1, 10, true, QSource.LATEST_VI, 0, 1))
        .hasMessageContaining("maxSweeps must be >= 0 (0 = task horizon), got -2");
    assertThatThrownBy(() -> with(0.95, 0.01, 0, Double.NaN, 1, 10, true, QSource.LATEST_VI, 0, 1))
        .hasMessageContaining("laplace must be finite and >= 0, got NaN");
    assertThatThrownBy(() -> with(0.95, 0.01, 0, 0.1, 0, 10, true, QSource.LATEST_VI, 0, 1))
        .hasMessageContaining("qDenom must be finite and > 0, got 0.0");
    assertThatThrownBy(() -> with(0.95, 0.01, 0, 0.1, 1, -10, true, QSource.LATEST_VI, 0, 1))
        .hasMessageContaining("countDenom must be finite and > 0, got -10.0");
    assertThatThrownBy(() -> with(0.95, 0.01, 0, 0.1, 1, 10, true, null, 0, 1))
        .hasMessageContaining("qSource must be set");
    assertThatThrownBy(() -> with(0.95, 0.01, 0, 0.1, 1, 10, true, QSource.LATEST_VI, -0.1, 1))
        .hasMessageContaining("clusterRadius must be finite and >= 0, got -0.1");
    assertThatThrownBy(() -> with(0.95, 0.01, 0, 0.1, 1, 10, true, QSource.LATEST_VI, 0, 0))
        .hasMessageContaining("clusterSize must be >= 1, got 0");
    assertThatThrownBy(() -> with(0.95, 0.01, 0, 0.1, 1, 10, false, QSource.LATEST_VI, 0.08, 2))
        .hasMessageContaining("state abstraction")
        .hasMessageContaining("needs incrementalStates");
  }

  @Test
  void allProblemsAreReportedAtOnce() {
    assertThatThrownBy(() -> with(0, -1, -1, 0.1, 1, 10, true, QSource.LATEST_VI, 0, 1))
        .hasMessageContaining("gamma")
        .hasMessageContaining("epsilon")
        .hasMessageContaining("maxSweeps")
        .hasMessageContaining("; ");
  }

  @Test
  void derivedQuantitiesAndCopies() {
    VamdpConfig grids = TestConfigs.grids();
    assertThat(grids.sweepCap(250)).as("0 means the task horizon").isEqualTo(250);
    assertThat(with(0.95, 0.01, 7, 0.1, 1, 10, true, QSource.LATEST_VI, 0, 1).sweepCap(250))
        .isEqualTo(7);
    assertThat(grids.isCoarse()).isFalse();
    assertThat(grids.withAbstraction(0.08, 1).isCoarse()).as("size 1 disables").isFalse();
    assertThat(grids.withAbstraction(0, 2).isCoarse()).as("radius 0 disables").isFalse();
    VamdpConfig coarse = TestConfigs.coarse13();
    assertThat(coarse.isCoarse()).isTrue();
    assertThat(coarse.clusterRadius()).isEqualTo(0.08);
    assertThat(coarse.clusterSize()).isEqualTo(2);
    assertThat(coarse.laplace()).isEqualTo(grids.laplace());
    assertThat(grids.withGamma(1.0).gamma()).isEqualTo(1.0);
    assertThat(grids.withGamma(1.0).epsilon()).isEqualTo(grids.epsilon());
    assertThat(grids.withQSource(QSource.SUCCESSOR_CACHE).qSource())
        .isEqualTo(QSource.SUCCESSOR_CACHE);
  }

  @Test
  void paperVariantUsesTheAppendixB2Settings() {
    VamdpConfig paper = TestConfigs.mdps().paper();
    assertThat(paper.gamma()).isEqualTo(1.0);
    assertThat(paper.epsilon()).isEqualTo(0.01);
    assertThat(paper.laplace()).isEqualTo(0.1);
    assertThat(paper.incrementalStates()).isTrue();
    assertThat(paper.warmStart()).isFalse();
    assertThat(paper.qSource()).isEqualTo(QSource.LATEST_VI);
    assertThat(paper.qDenom()).isEqualTo(10.0);
    assertThat(paper.maxSweeps()).isZero();
  }
}
