package org.rl3spark.core.analysis;

/** A stable merge sort of primitive ints with a comparator (no boxing). */
final class IntSort {

  /** Compares two ints. */
  @FunctionalInterface
  interface IntComparator {
    int compare(int a, int b);
  }

  private static final int INSERTION = 24;

  private IntSort() {}

  /** Sorts {@code a} stably by {@code cmp}. */
  static void sort(int[] a, IntComparator cmp) {
    int[] tmp = new int[a.length];
    sort(a, tmp, 0, a.length, cmp);
  }

  private static void sort(int[] a, int[] tmp, int from, int to, IntComparator cmp) {
    if (to - from <= INSERTION) {
      for (int i = from + 1; i < to; i++) {
        int v = a[i];
        int j = i - 1;
        while (j >= from && cmp.compare(a[j], v) > 0) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = v;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    sort(a, tmp, from, mid, cmp);
    sort(a, tmp, mid, to, cmp);
    if (cmp.compare(a[mid - 1], a[mid]) <= 0) {
      return;
    }
    System.arraycopy(a, from, tmp, from, to - from);
    int i = from;
    int j = mid;
    int k = from;
    while (i < mid && j < to) {
      a[k++] = cmp.compare(tmp[j], tmp[i]) < 0 ? tmp[j++] : tmp[i++];
    }
    while (i < mid) {
      a[k++] = tmp[i++];
    }
    while (j < to) {
      a[k++] = tmp[j++];
    }
  }
}
