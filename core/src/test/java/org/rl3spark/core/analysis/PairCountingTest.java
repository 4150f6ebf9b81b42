package org.rl3spark.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rl3spark.core.random.Rng;

/**
 * Both pair counters against a naive double loop over {@link Closeness#close}: hand-made cases with
 * ties at exactly δ and exact duplicates, grid-aligned values (many ties, cell boundaries) and
 * random sets in several settings; every block size, grid width and split of the work.
 */
class PairCountingTest {

  /** The reference: every unordered pair of distinct tables, once. */
  private static long naive(TableSet s, double delta, boolean[] flags) {
    long c = 0;
    for (int i = 0; i < s.size(); i++) {
      for (int j = i + 1; j < s.size(); j++) {
        if (Closeness.close(s, i, s, j, delta)) {
          c++;
          flags[i] = true;
          flags[j] = true;
        }
      }
    }
    return c;
  }

  /** Asserts every method and split agrees with the naive loop, count and flags; returns it. */
  private static long assertAllAgree(TableSet s, double delta, String what) {
    boolean[] expectedFlags = new boolean[s.size()];
    long expected = naive(s, delta, expectedFlags);
    for (int block : new int[] {1, 3, 64, Math.max(1, s.size())}) {
      boolean[] flags = new boolean[s.size()];
      assertThat(AllPairs.countAll(s, delta, block, flags))
          .as("%s: all-pairs, block %d", what, block)
          .isEqualTo(expected);
      assertThat(flags).as("%s: all-pairs flags, block %d", what, block).isEqualTo(expectedFlags);
    }
    for (int g = 0; g <= s.dim(); g++) {
      GridIndex index = GridIndex.build(s, delta, g);
      boolean[] flags = new boolean[s.size()];
      assertThat(index.countAll(flags)).as("%s: grid, g=%d", what, g).isEqualTo(expected);
      assertThat(flags).as("%s: grid flags, g=%d", what, g).isEqualTo(expectedFlags);
      for (int parts : new int[] {2, 5}) {
        int[] bounds = index.cellRanges(parts);
        long sum = 0;
        for (int r = 0; r + 1 < bounds.length; r++) {
          sum += index.countCells(bounds[r], bounds[r + 1], null);
        }
        assertThat(sum).as("%s: grid, g=%d, %d ranges", what, g, parts).isEqualTo(expected);
      }
    }
    return expected;
  }

  @Test
  void tiesAtExactlyDeltaAreNotCloseAndDuplicatesAre() {
    // δ = 0.25 and all values are multiples of 1/8, so every difference is exact.
    double d = 0.25;
    TableSet s =
        TableSet.ofRows(
            new double[][] {
              {0, 0, 0}, // 0
              {0, 0, 0}, // 1: duplicate of 0
              {0.25, 0, 0}, // 2: exactly δ from 0 and 1 in one coordinate
              {0.125, 0.125, -0.125}, // 3: within δ/2 of 0, 1 and 2
              {0, 0.25, 0}, // 4: exactly δ from 0, 1; |4 − 3| = (0.125, 0.125, 0.125)
              {0.25, 0, 0}, // 5: duplicate of 2
              {-0.25, -0.25, -0.25}, // 6: exactly δ from 0, 1 in all coordinates
            });
    // Close: {0,1}, {0,3}, {1,3}, {2,3}, {3,4}, {3,5}, {2,5}. Not: every exact-δ pair.
    assertThat(assertAllAgree(s, d, "hand-made ties")).isEqualTo(7);
    boolean[] flags = new boolean[7];
    GridIndex.build(s, d, 2).countAll(flags);
    assertThat(flags).containsExactly(true, true, true, true, true, true, false);
  }

  @Test
  void aPairJustInsideDeltaIsClose() {
    double d = 0.25;
    double inside = Math.nextDown(0.25);
    TableSet s = TableSet.ofRows(new double[][] {{0, 0}, {inside, -inside}, {-0.25, 0}});
    // {0,1}: both coordinates just inside δ; {0,2}: exactly δ; {1,2}: far.
    assertThat(assertAllAgree(s, d, "just inside")).isEqualTo(1);
  }

  @Test
  void allDuplicatesArePairwiseClose() {
    double[][] rows = new double[40][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new double[] {1.5, -2, 3};
    }
    assertThat(assertAllAgree(TableSet.ofRows(rows), 0.1, "40 duplicates")).isEqualTo(40 * 39 / 2);
  }

  @Test
  void gridAlignedValuesWithManyTiesAndCellBoundaries() {
    // Values k·δ/4 with δ = 0.1 (not a binary fraction): differences land exactly on, just
    // under and just over δ after rounding, and values sit on cell boundaries.
    Rng rng = new Rng(7);
    for (double delta : new double[] {0.1, 0.25, 0.3}) {
      for (int dim : new int[] {1, 2, 3, 6}) {
        double[][] rows = new double[300][dim];
        for (double[] r : rows) {
          for (int k = 0; k < dim; k++) {
            r[k] = (rng.nextInt(13) - 6) * delta / 4;
          }
        }
        assertAllAgree(TableSet.ofRows(rows), delta, "aligned δ=" + delta + " dim=" + dim);
      }
    }
  }

  @Test
  void randomSetsInSeveralSettings() {
    Rng rng = new Rng(11);
    record Setting(int n, int dim, double spread, double delta) {}
    List<Setting> settings =
        List.of(
            new Setting(500, 6, 0.2, 0.1),
            new Setting(500, 6, 0.3, 0.25),
            new Setting(800, 2, 1.0, 0.05),
            new Setting(300, 1, 5.0, 0.5),
            new Setting(400, 6, 2.0, 1.0),
            new Setting(1, 3, 1.0, 0.1),
            new Setting(2, 3, 0.01, 0.1));
    for (Setting st : settings) {
      double[][] rows = new double[st.n()][st.dim()];
      for (double[] r : rows) {
        double common = rng.nextGaussian();
        for (int k = 0; k < st.dim(); k++) {
          // Correlated coordinates, like the Q-tables of one MDP.
          r[k] = st.spread() * (common + 0.5 * rng.nextGaussian()) + 10;
        }
      }
      long c = assertAllAgree(TableSet.ofRows(rows), st.delta(), st.toString());
      assertThat(c)
          .as("%s has some close pairs, or the test proves little", st)
          .isGreaterThanOrEqualTo(st.n() >= 300 ? 1 : 0);
    }
  }

  @Test
  void negativeAndLargeValues() {
    Rng rng = new Rng(3);
    double[][] rows = new double[300][4];
    for (double[] r : rows) {
      for (int k = 0; k < 4; k++) {
        r[k] = -1e4 + rng.nextInt(20) * 0.07 - (k == 0 ? 1e4 : 0);
      }
    }
    assertAllAgree(TableSet.ofRows(rows), 0.1, "large negative values");
  }

  @Test
  void onePassCountsEveryThresholdAsSeparatePassesDo() {
    Rng rng = new Rng(13);
    double[][] rows = new double[600][6];
    for (double[] r : rows) {
      double common = rng.nextGaussian();
      for (int k = 0; k < 6; k++) {
        // Grid-aligned for ties at every threshold.
        r[k] = Math.rint(8 * (0.3 * common + 0.2 * rng.nextGaussian())) / 40;
      }
    }
    TableSet s = TableSet.ofRows(rows);
    double[] deltas = {0.05, 0.1, 0.25, 0.5, 1.0};
    for (int block : new int[] {1, 37, 600}) {
      long[] all = AllPairs.countAll(s, deltas, block);
      for (int i = 0; i < deltas.length; i++) {
        assertThat(all[i])
            .as("δ=%s, block %d", deltas[i], block)
            .isEqualTo(naive(s, deltas[i], new boolean[600]));
      }
    }
    assertThatThrownBy(() -> AllPairs.countAll(s, new double[] {0.1, 0.1}, 10))
        .hasMessageContaining("strictly increasing");
  }

  @Test
  void blockPairsCoverEveryPairOnce() {
    assertThat(AllPairs.blockPairs(10, 4))
        .containsExactly(
            new AllPairs.BlockPair(0, 0),
            new AllPairs.BlockPair(0, 1),
            new AllPairs.BlockPair(0, 2),
            new AllPairs.BlockPair(1, 1),
            new AllPairs.BlockPair(1, 2),
            new AllPairs.BlockPair(2, 2));
    Rng rng = new Rng(5);
    double[][] rows = new double[23][2];
    for (double[] r : rows) {
      r[0] = rng.nextGaussian();
      r[1] = rng.nextGaussian();
    }
    TableSet s = TableSet.ofRows(rows);
    // With a huge δ every pair is close: the count is the number of pairs.
    for (int block : new int[] {1, 4, 5, 22, 23, 100}) {
      assertThat(AllPairs.countAll(s, 1e300, block, null)).as("block %d", block).isEqualTo(253);
    }
    assertThat(GridIndex.build(s, 1e300, 2).countAll(null)).isEqualTo(253);
    assertThat(s.pairs()).isEqualTo(253);
  }

  @Test
  void cellsAreWiderThanDeltaAndForwardOffsetsHalveTheNeighbourhood() {
    assertThat(GridIndex.forwardOffsets(1)).isDeepEqualTo(new int[][] {{1}});
    assertThat(GridIndex.forwardOffsets(2))
        .isDeepEqualTo(new int[][] {{0, 1}, {1, -1}, {1, 0}, {1, 1}});
    assertThat(GridIndex.forwardOffsets(4).length).isEqualTo(40);
    assertThat(GridIndex.forwardOffsets(6).length).isEqualTo(364);
    TableSet s = TableSet.ofRows(new double[][] {{1, 2}, {3, 4}});
    GridIndex g = GridIndex.build(s, 0.1, 2);
    assertThat(g.width()).isGreaterThan(0.1).isLessThan(0.1 * (1 + 1e-6));
  }

  @Test
  void gridCoordinatesAreTheHighestVarianceOnes() {
    Rng rng = new Rng(9);
    double[][] rows = new double[200][3];
    for (double[] r : rows) {
      r[0] = 0.1 * rng.nextGaussian();
      r[1] = 10 * rng.nextGaussian();
      r[2] = rng.nextGaussian();
    }
    GridIndex g = GridIndex.build(TableSet.ofRows(rows), 0.1, 1);
    assertThat(g.gridDims()).containsExactly(1);
    assertThat(g.sortDim()).isEqualTo(2);
  }

  @Test
  void rejectsBadInput() {
    assertThatThrownBy(() -> TableSet.ofRows(new double[][] {{1, Double.NaN}}))
        .hasMessageContaining("non-finite");
    assertThatThrownBy(() -> TableSet.ofRows(new double[][] {{1, 2}, {1}}))
        .hasMessageContaining("table 1 has 1 values");
    TableSet s = TableSet.ofRows(new double[][] {{1e6, 0}, {0, 0}});
    assertThatThrownBy(() -> GridIndex.build(s, 1e-4, 2)).hasMessageContaining("too small");
    assertThatThrownBy(() -> AllPairs.countAll(s, 0, 2, null)).hasMessageContaining("delta");
    assertThatThrownBy(() -> AllPairs.countAll(s, Double.NaN, 2, null))
        .hasMessageContaining("delta");
    assertThatThrownBy(() -> AllPairs.countBetween(s, 0, 2, 1, 2, 0.1, null))
        .hasMessageContaining("overlap");
  }
}
