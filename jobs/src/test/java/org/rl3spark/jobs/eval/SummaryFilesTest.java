package org.rl3spark.jobs.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The summary's CSV and Markdown text (no Spark). */
class SummaryFilesTest {

  private static final List<SummaryRow> ROWS =
      List.of(
          new SummaryRow("bandits", "k5", "test", 10, "random", 1000, 4.981, 0.0501, 8.24, 0.6046),
          new SummaryRow("bandits", "k5", "test", 10, "oracle", 1000, 8.25, 0.052, 8.24, 1.0012),
          new SummaryRow(
              "bandits", "k5", "test", 10, "gittins(gamma=0.9)", 1000, 6.6, 0.06, 8.24, 0.8),
          new SummaryRow(
              "mdps",
              "s10a5",
              "ood",
              1000,
              "opsrl(samples=2,mu0=0)",
              1000,
              1941.24,
              12.5,
              2500,
              0.7764),
          new SummaryRow("mdps", "s10a5", "ood", 1000, "random", 1000, 999.5, 3.2, 2500, 0.3998));

  @Test
  void csvHasExactlyTheSummaryColumnsFullPrecisionAndQuotesCommas() {
    List<String> lines = SummaryFiles.csv(ROWS).lines().toList();
    assertThat(lines.get(0))
        .isEqualTo(
            "family,variant,split,budget,policy,n_tasks,mean_return,se_return,oracle_return,"
                + "fraction_of_oracle");
    assertThat(lines).hasSize(6);
    assertThat(lines.get(1)).isEqualTo("bandits,k5,test,10,random,1000,4.981,0.0501,8.24,0.6046");
    assertThat(lines.get(4))
        .isEqualTo(
            "mdps,s10a5,ood,1000,\"opsrl(samples=2,mu0=0)\",1000,1941.24,12.5,2500.0,0.7764");
  }

  @Test
  void markdownShowsTwoSignificantDigitsOfTheSeAndBoldsTheBestNonOracle() {
    List<String> lines = SummaryFiles.markdown(ROWS).lines().toList();
    assertThat(lines.get(0).replaceAll(" +", " "))
        .isEqualTo(
            "| family | variant | split | budget | policy | n_tasks | mean_return | se_return |"
                + " oracle_return | fraction_of_oracle |");
    assertThat(lines.get(1)).matches("\\|( -+:? \\|)+");
    assertThat(lines.get(2).replaceAll(" +", " "))
        .isEqualTo("| bandits | k5 | test | 10 | random | 1000 | 4.981 | 0.050 | 8.240 | 0.605 |");
    assertThat(lines.get(3).replaceAll(" +", " "))
        .as("the oracle is never marked best")
        .isEqualTo("| bandits | k5 | test | 10 | oracle | 1000 | 8.250 | 0.052 | 8.240 | 1.001 |");
    assertThat(lines.get(4)).contains("**6.600**");
    assertThat(lines.get(5).replaceAll(" +", " "))
        .isEqualTo(
            "| mdps | s10a5 | ood | 1000 | opsrl(samples=2,mu0=0) | 1000 | **1941.2** | 12.5 |"
                + " 2500.0 | 0.776 |");
    assertThat(lines.get(6).replaceAll(" +", " ")).contains("| 999.5 | 3.2 | 2500.0 | 0.400 |");
    assertThat(lines.get(7)).isEmpty();
    assertThat(lines.get(8)).startsWith("Mean total reward");
    assertThat(lines.subList(0, 7)).allSatisfy(l -> assertThat(l).hasSameSizeAs(lines.get(0)));
  }

  @Test
  void aSinglePolicyBesideTheOracleIsNotMarkedBest() {
    String md =
        SummaryFiles.markdown(
            List.of(
                new SummaryRow("gridworld", "13x13", "test", 350, "random", 9, -639, 9, 2065, -0.3),
                new SummaryRow("gridworld", "13x13", "test", 350, "oracle", 9, 2058, 18, 2065, 1)));
    assertThat(md).doesNotContain("**-639.0**").contains("-639.0").doesNotContain("**2058.0**");
  }

  @Test
  void decimalsFollowTheStandardError() {
    assertThat(SummaryFiles.decimals(0.0501)).isEqualTo(3);
    assertThat(SummaryFiles.decimals(0.5)).isEqualTo(2);
    assertThat(SummaryFiles.decimals(2.5)).isEqualTo(1);
    assertThat(SummaryFiles.decimals(25)).isEqualTo(1);
    assertThat(SummaryFiles.decimals(1e-9)).isEqualTo(6);
    assertThat(SummaryFiles.decimals(0)).isEqualTo(2);
  }

  @Test
  void statsSumInIndexOrderAndRejectNonFiniteAndRepeatedIndices() {
    SummarizeGroup.Stats s =
        SummarizeGroup.Stats.of(
            new long[] {0, 1, 2, 3}, new double[] {1, 2, 3, 6}, new double[] {4, 4, 4, 8});
    assertThat(s.mean()).isEqualTo(3.0);
    // Sample variance ((−2)² + (−1)² + 0 + 3²)/3 = 14/3; SE = sqrt(14/3)/2.
    assertThat(s.se()).isEqualTo(Math.sqrt(14.0 / 3) / 2);
    assertThat(s.oracleMean()).isEqualTo(5.0);
    assertThat(s.nonFinite()).isZero();
    SummarizeGroup.Stats bad =
        SummarizeGroup.Stats.of(
            new long[] {0, 1, 1}, new double[] {1, Double.NaN, 2}, new double[] {1, 1, 1});
    assertThat(bad.nonFinite()).isEqualTo(1);
    assertThat(bad.duplicates()).isEqualTo(1);
    assertThat(bad.firstBad()).isEqualTo(1);
    assertThat(bad.mean()).as("never aggregated").isNaN();
  }
}
