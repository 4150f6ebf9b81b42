package org.rl3spark.core.analysis;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exact counting of δ-close pairs by bucketing: tables are put into the cells of a grid over {@code
 * g} of their coordinates ({@link #gridDims()}), and only tables in the same or in neighbouring
 * cells (cell coordinates differing by at most 1 in every grid coordinate) are compared.
 *
 * <p>Why this is exact: the cell side {@link #width()} is δ·(1 + η) with a margin η ≥ 10⁻⁹ chosen
 * from the largest |value| so that floating-point rounding of value/width can never move two
 * coordinates that differ by less than δ more than one cell apart. So every close pair lies in one
 * cell or in two neighbouring cells. Each neighbouring pair of cells is visited once, from the cell
 * that is lexicographically smaller, through the (3^g − 1)/2 "forward" offsets (first non-zero
 * component +1); pairs inside one cell are counted there. Inside and between cells, tables are
 * sorted on one more coordinate ({@link #sortDim()}), and only the window of tables within δ on it
 * is tested with the full predicate {@link Closeness#close}. The window is advanced with the same
 * subtraction the predicate uses (monotone under rounding), so no close pair is skipped and none is
 * counted twice.
 *
 * <p>The grid coordinates are the g of largest variance (ties: lower index), the sort coordinate
 * the next one (or the largest-variance one when g = dim). The index is immutable and serialisable;
 * {@link #countCells} over any split of the cells into ranges adds up to {@link #countAll}, which
 * is how the Spark job distributes it.
 */
public final class GridIndex implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Smallest relative widening of the cells beyond δ. */
  public static final double MIN_MARGIN = 1e-9;

  /** Cell coordinates must stay below this in magnitude (|value| / δ is checked against it). */
  private static final double MAX_CELL = 0x1p30;

  private final double delta;
  private final double width;
  private final int n;
  private final int dim;
  private final int[] gridDims;
  private final int sortDim;

  /** ids[p] = the table (position in the input set) at sorted position p. */
  private final int[] ids;

  /** rows[p·dim + k] = coordinate k of the table at sorted position p. */
  private final double[] rows;

  /** key[p] = the sort coordinate of the table at sorted position p. */
  private final double[] key;

  private final int numCells;

  /** cellCoord[c·g + m] = coordinate m of cell c; cells in lexicographic order. */
  private final int[] cellCoord;

  /** Tables of cell c are at sorted positions cellStart[c] .. cellStart[c + 1]. */
  private final int[] cellStart;

  private final int[][] offsets;

  /**
   * Coordinates tested per candidate pair, most discriminating first: those neither bucketed nor
   * sorted on, then the grid coordinates from the least to the most spread. The sort coordinate is
   * not tested: the window already holds only tables within δ on it.
   */
  private final int[] checkOrder;

  private GridIndex(
      double delta,
      double width,
      int n,
      int dim,
      int[] gridDims,
      int sortDim,
      int[] ids,
      double[] rows,
      double[] key,
      int numCells,
      int[] cellCoord,
      int[] cellStart) {
    this.delta = delta;
    this.width = width;
    this.n = n;
    this.dim = dim;
    this.gridDims = gridDims;
    this.sortDim = sortDim;
    this.ids = ids;
    this.rows = rows;
    this.key = key;
    this.numCells = numCells;
    this.cellCoord = cellCoord;
    this.cellStart = cellStart;
    this.offsets = forwardOffsets(gridDims.length);
    this.checkOrder = checkOrder(dim, gridDims, sortDim);
  }

  static int[] checkOrder(int dim, int[] gridDims, int sortDim) {
    int[] order = new int[dim - 1];
    int i = 0;
    for (int k = 0; k < dim; k++) {
      boolean grid = false;
      for (int m : gridDims) {
        grid |= m == k;
      }
      if (!grid && k != sortDim) {
        order[i++] = k;
      }
    }
    for (int m = gridDims.length - 1; m >= 0; m--) {
      if (gridDims[m] != sortDim) {
        order[i++] = gridDims[m];
      }
    }
    return order;
  }

  /**
   * Builds the index of a set for threshold δ with an automatic number of grid coordinates: the
   * largest g whose grid has at most n / {@value #AUTO_TABLES_PER_CELL} non-empty cells (at least
   * 1). More grid coordinates mean fewer candidate pairs per close pair but (3^g − 1)/2 neighbour
   * lookups per cell; once most cells hold a single table, more coordinates only cost lookups.
   */
  public static GridIndex build(TableSet s, double delta) {
    return build(s, delta, 0);
  }

  /**
   * Builds the index of a set for threshold δ.
   *
   * @param s the tables
   * @param delta δ &gt; 0
   * @param grid number of grid coordinates g, 1 ≤ g ≤ dim (capped at dim), or 0 for automatic
   * @throws IllegalArgumentException if δ is so small against the values that cell coordinates
   *     would exceed 2³⁰
   */
  public static GridIndex build(TableSet s, double delta, int grid) {
    Closeness.checkDelta(delta);
    if (grid < 0) {
      throw new IllegalArgumentException("grid coordinates must be >= 0 (0 = auto), got " + grid);
    }
    int dim = s.dim();
    int n = s.size();
    double maxAbs = s.maxAbs();
    double ratio = maxAbs / delta;
    if (!(ratio < MAX_CELL)) {
      throw new IllegalArgumentException(
          "delta "
              + delta
              + " is too small for values up to "
              + maxAbs
              + ": cell coordinates would exceed 2^30; use a larger delta or the all-pairs"
              + " method");
    }
    double margin = Math.max(MIN_MARGIN, 8 * ratio * 0x1p-53);
    double width = delta * (1 + margin);

    int[] order = dimsByVariance(s);
    // Cells over all coordinates in variance order; a grid over the first g uses prefixes.
    int[] cell = new int[n * dim];
    for (int i = 0; i < n; i++) {
      for (int m = 0; m < dim; m++) {
        cell[i * dim + m] = (int) Math.floor(s.get(i, order[m]) / width);
      }
    }
    int g = grid == 0 ? autoGrid(cell, n, dim) : Math.min(grid, dim);
    int[] gridDims = Arrays.copyOf(order, g);
    int sortDim = g < dim ? order[g] : order[0];
    double[] sortColumn = s.column(sortDim);
    int[] perm = identity(n);
    IntSort.sort(
        perm,
        (a, b) -> {
          for (int m = 0; m < g; m++) {
            int ca = cell[a * dim + m];
            int cb = cell[b * dim + m];
            if (ca != cb) {
              return ca < cb ? -1 : 1;
            }
          }
          int c = Double.compare(sortColumn[a], sortColumn[b]);
          return c != 0 ? c : Integer.compare(a, b);
        });

    double[] rows = new double[n * dim];
    double[] key = new double[n];
    int[] coord = new int[n * g];
    int[] start = new int[n + 1];
    int cells = 0;
    for (int p = 0; p < n; p++) {
      int i = perm[p];
      for (int k = 0; k < dim; k++) {
        rows[p * dim + k] = s.get(i, k);
      }
      key[p] = sortColumn[i];
      boolean same = cells > 0;
      for (int m = 0; m < g && same; m++) {
        same = coord[(cells - 1) * g + m] == cell[i * dim + m];
      }
      if (!same) {
        System.arraycopy(cell, i * dim, coord, cells * g, g);
        start[cells] = p;
        cells++;
      }
    }
    start[cells] = n;
    return new GridIndex(
        delta,
        width,
        n,
        dim,
        gridDims,
        sortDim,
        perm,
        rows,
        key,
        cells,
        Arrays.copyOf(coord, cells * g),
        Arrays.copyOf(start, cells + 1));
  }

  /** Tables per non-empty cell that the automatic choice of g aims at (at least). */
  public static final int AUTO_TABLES_PER_CELL = 4;

  /**
   * The largest g ≥ 1 whose grid (the first g of the cell coordinates) has at most n / {@value
   * #AUTO_TABLES_PER_CELL} non-empty cells.
   */
  private static int autoGrid(int[] cell, int n, int dim) {
    if (n < 2) {
      return 1;
    }
    int[] perm = identity(n);
    IntSort.sort(
        perm,
        (a, b) -> {
          for (int m = 0; m < dim; m++) {
            int ca = cell[a * dim + m];
            int cb = cell[b * dim + m];
            if (ca != cb) {
              return ca < cb ? -1 : 1;
            }
          }
          return 0;
        });
    // distinct[g] = number of distinct prefixes of length g.
    long[] distinct = new long[dim + 1];
    for (int p = 0; p < n; p++) {
      int first = dim + 1;
      if (p == 0) {
        first = 1;
      } else {
        int a = perm[p - 1];
        int b = perm[p];
        for (int m = 0; m < dim; m++) {
          if (cell[a * dim + m] != cell[b * dim + m]) {
            first = m + 1;
            break;
          }
        }
      }
      for (int g = first; g <= dim; g++) {
        distinct[g]++;
      }
    }
    int best = 1;
    for (int g = 1; g <= dim; g++) {
      if (distinct[g] * AUTO_TABLES_PER_CELL <= n) {
        best = g;
      }
    }
    return best;
  }

  private static int[] identity(int n) {
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    return perm;
  }

  /** Coordinates by decreasing variance (ties: lower index first). */
  static int[] dimsByVariance(TableSet s) {
    int dim = s.dim();
    double[] var = new double[dim];
    for (int k = 0; k < dim; k++) {
      double[] c = s.column(k);
      double mean = 0;
      for (double x : c) {
        mean += x;
      }
      mean /= Math.max(1, c.length);
      double v = 0;
      for (double x : c) {
        v += (x - mean) * (x - mean);
      }
      var[k] = v;
    }
    Integer[] order = new Integer[dim];
    for (int k = 0; k < dim; k++) {
      order[k] = k;
    }
    Arrays.sort(
        order,
        (a, b) -> {
          int c = Double.compare(var[b], var[a]);
          return c != 0 ? c : Integer.compare(a, b);
        });
    int[] out = new int[dim];
    for (int k = 0; k < dim; k++) {
      out[k] = order[k];
    }
    return out;
  }

  /** The offsets o ∈ {−1, 0, 1}^g whose first non-zero component is +1. */
  static int[][] forwardOffsets(int g) {
    List<int[]> out = new ArrayList<>();
    int total = 1;
    for (int m = 0; m < g; m++) {
      total *= 3;
    }
    for (int code = 0; code < total; code++) {
      int[] o = new int[g];
      int c = code;
      for (int m = g - 1; m >= 0; m--) {
        o[m] = c % 3 - 1;
        c /= 3;
      }
      int first = 0;
      for (int m = 0; m < g && first == 0; m++) {
        first = o[m];
      }
      if (first == 1) {
        out.add(o);
      }
    }
    return out.toArray(new int[0][]);
  }

  /** δ. */
  public double delta() {
    return delta;
  }

  /** The cell side, δ·(1 + η). */
  public double width() {
    return width;
  }

  /** Number of tables. */
  public int size() {
    return n;
  }

  /** Number of non-empty cells. */
  public int numCells() {
    return numCells;
  }

  /** The bucketed coordinates (a copy). */
  public int[] gridDims() {
    return gridDims.clone();
  }

  /** The coordinate tables are sorted on inside a cell. */
  public int sortDim() {
    return sortDim;
  }

  /** The close pairs of all tables. */
  public long countAll(boolean[] flags) {
    return countCells(0, numCells, flags);
  }

  /**
   * The close pairs whose lexicographically smaller cell is in [fromCell, toCell) (pairs inside a
   * cell count for that cell). The counts of any ranges that partition [0, numCells) add up to
   * {@link #countAll}.
   *
   * @param flags if not null, {@code flags[t]} is set for every table t (position in the input set)
   *     of a close pair
   */
  public long countCells(int fromCell, int toCell, boolean[] flags) {
    if (fromCell < 0 || toCell < fromCell || toCell > numCells) {
      throw new IllegalArgumentException(
          "cell range [" + fromCell + ", " + toCell + ") outside [0, " + numCells + "]");
    }
    if (fromCell == toCell) {
      return 0;
    }
    long count = 0;
    for (int c = fromCell; c < toCell; c++) {
      count += countInside(cellStart[c], cellStart[c + 1], flags);
    }
    for (int[] o : offsets) {
      int b = lowerBound(fromCell, o);
      for (int a = fromCell; a < toCell; a++) {
        while (b < numCells && compare(b, a, o) < 0) {
          b++;
        }
        if (b == numCells) {
          break;
        }
        if (compare(b, a, o) == 0) {
          count +=
              countBetween(cellStart[a], cellStart[a + 1], cellStart[b], cellStart[b + 1], flags);
        }
      }
    }
    return count;
  }

  /**
   * Splits the cells into at most {@code parts} consecutive ranges holding about equally many
   * tables; returns the boundaries c_0 = 0 &lt; c_1 &lt; … &lt; c_m = numCells.
   */
  public int[] cellRanges(int parts) {
    if (parts < 1) {
      throw new IllegalArgumentException("parts must be >= 1, got " + parts);
    }
    List<Integer> bounds = new ArrayList<>();
    bounds.add(0);
    for (int r = 1; r < parts; r++) {
      long target = (long) n * r / parts;
      int c = Arrays.binarySearch(cellStart, 0, numCells + 1, (int) target);
      if (c < 0) {
        c = -c - 1;
      }
      if (c > bounds.get(bounds.size() - 1) && c < numCells) {
        bounds.add(c);
      }
    }
    if (numCells > 0) {
      bounds.add(numCells);
    }
    return bounds.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Compares cell b with cell a + o, lexicographically. */
  private int compare(int b, int a, int[] o) {
    int g = o.length;
    for (int m = 0; m < g; m++) {
      int t = cellCoord[a * g + m] + o[m];
      int v = cellCoord[b * g + m];
      if (v != t) {
        return v < t ? -1 : 1;
      }
    }
    return 0;
  }

  /** The first cell b with cell b ≥ cell a + o. */
  private int lowerBound(int a, int[] o) {
    int lo = 0;
    int hi = numCells;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (compare(mid, a, o) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private long countInside(int from, int to, boolean[] flags) {
    long count = 0;
    for (int p = from; p < to; p++) {
      double xp = key[p];
      int q = p + 1;
      // key[q] >= xp: once key[q] − xp reaches δ it stays there (rounding is monotone).
      while (q < to && Math.abs(key[q] - xp) < delta) {
        q++;
      }
      count += countWindow(p, p + 1, q, flags);
    }
    return count;
  }

  private long countBetween(int aFrom, int aTo, int bFrom, int bTo, boolean[] flags) {
    long count = 0;
    int lo = bFrom;
    int hi = bFrom;
    for (int p = aFrom; p < aTo; p++) {
      double xp = key[p];
      // Both ends only move forward as xp grows (rounding is monotone).
      while (lo < bTo && key[lo] < xp && !(Math.abs(xp - key[lo]) < delta)) {
        lo++;
      }
      if (hi < lo) {
        hi = lo;
      }
      while (hi < bTo && (key[hi] <= xp || Math.abs(key[hi] - xp) < delta)) {
        hi++;
      }
      count += countWindow(p, lo, hi, flags);
    }
    return count;
  }

  /**
   * The close pairs of table p with the tables at sorted positions [from, to), all within δ of p on
   * the sort coordinate: the predicate of {@link Closeness#close} on the other coordinates. Many
   * candidates here are close, so the test is branch-free (an AND of the coordinate tests), which
   * avoids mispredicted branches; six-entry tables have an unrolled form.
   */
  private long countWindow(int p, int from, int to, boolean[] flags) {
    if (checkOrder.length == 5) {
      return countWindow5(p, from, to, flags);
    }
    long count = 0;
    int pb = p * dim;
    int[] ks = checkOrder;
    for (int q = from; q < to; q++) {
      int qb = q * dim;
      int ok = 1;
      for (int k : ks) {
        ok &= Math.abs(rows[pb + k] - rows[qb + k]) < delta ? 1 : 0;
      }
      count += ok;
      if (flags != null && ok != 0) {
        mark(flags, p, q);
      }
    }
    return count;
  }

  /** {@link #countWindow} for six-entry tables (five coordinates to test). */
  private long countWindow5(int p, int from, int to, boolean[] flags) {
    int k0 = checkOrder[0];
    int k1 = checkOrder[1];
    int k2 = checkOrder[2];
    int k3 = checkOrder[3];
    int k4 = checkOrder[4];
    int pb = p * dim;
    double a0 = rows[pb + k0];
    double a1 = rows[pb + k1];
    double a2 = rows[pb + k2];
    double a3 = rows[pb + k3];
    double a4 = rows[pb + k4];
    double d = delta;
    long count = 0;
    for (int q = from; q < to; q++) {
      int qb = q * dim;
      int ok =
          (Math.abs(a0 - rows[qb + k0]) < d ? 1 : 0)
              & (Math.abs(a1 - rows[qb + k1]) < d ? 1 : 0)
              & (Math.abs(a2 - rows[qb + k2]) < d ? 1 : 0)
              & (Math.abs(a3 - rows[qb + k3]) < d ? 1 : 0)
              & (Math.abs(a4 - rows[qb + k4]) < d ? 1 : 0);
      count += ok;
      if (flags != null && ok != 0) {
        mark(flags, p, q);
      }
    }
    return count;
  }

  private void mark(boolean[] flags, int p, int q) {
    if (flags != null) {
      flags[ids[p]] = true;
      flags[ids[q]] = true;
    }
  }
}
