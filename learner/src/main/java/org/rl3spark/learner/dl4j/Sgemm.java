package org.rl3spark.learner.dl4j;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Row-major single-precision BLAS on the OpenBLAS that ND4J's CPU backend ships (the same library
 * and thread setting as ND4J's own gemm), on native float buffers ({@link FloatPointer}s owned by
 * the caller) addressed by element offsets and leading dimensions, so a product can read and write
 * sub-matrices (one sequence, one head) in place. Java arrays enter and leave native memory only
 * through {@link #put} and {@link #get}, one bulk copy each: JavaCPP's array overloads would copy
 * every array argument in and back out (through a fresh allocation) on every call, which cost ~40%
 * of a 3200 × 192 × 64 product on the development machine. Only loaded on the CPU backend (see
 * {@link DirectTransformerBody}).
 *
 * <p>Not thread-safe (it keeps the argument views it passes): one instance per computing thread.
 */
final class Sgemm {

  /** A non-owning view of a native float buffer at an element offset (no allocation per call). */
  private static final class View extends FloatPointer {
    View at(FloatPointer base, long offset) {
      address = base.address();
      capacity = base.capacity();
      limit = capacity;
      position = offset;
      return this;
    }
  }

  private final View va = new View();
  private final View vb = new View();
  private final View vc = new View();

  /** A zeroed native buffer of {@code size} floats (freed when closed or collected). */
  static FloatPointer allocate(long size) {
    FloatPointer p = new FloatPointer(Math.max(1, size));
    p.zero();
    return p;
  }

  /**
   * C ← alpha·op(A)·op(B) + beta·C with op(A) m × k, op(B) k × n, C m × n, each row-major at its
   * offset with its leading dimension (A is k × m when {@code transA}, B is n × k when {@code
   * transB}).
   */
  void gemm(
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      float alpha,
      FloatPointer a,
      long offA,
      int lda,
      FloatPointer b,
      long offB,
      int ldb,
      float beta,
      FloatPointer c,
      long offC,
      int ldc) {
    openblas_nolapack.cblas_sgemm(
        CblasRowMajor,
        transA ? CblasTrans : CblasNoTrans,
        transB ? CblasTrans : CblasNoTrans,
        m,
        n,
        k,
        alpha,
        va.at(a, offA),
        lda,
        vb.at(b, offB),
        ldb,
        beta,
        vc.at(c, offC),
        ldc);
  }

  /**
   * C[r, j] ← C[r, j] + y[j] for the m rows of the dense m × n matrix C at element {@code offC} (a
   * bias).
   */
  void addRow(
      int m, int n, FloatPointer ones, FloatPointer y, long offY, FloatPointer c, long offC) {
    openblas_nolapack.cblas_sger(
        CblasRowMajor, m, n, 1f, va.at(ones, 0), 1, vb.at(y, offY), 1, vc.at(c, offC), n);
  }

  /**
   * y[j] ← Σ_r A[r, j] + beta·y[j] over the m rows of the dense m × n matrix A (column sums, added
   * to y if beta is 1).
   */
  void columnSums(
      int m, int n, FloatPointer a, FloatPointer ones, float beta, FloatPointer y, long offY) {
    openblas_nolapack.cblas_sgemv(
        CblasRowMajor,
        CblasTrans,
        m,
        n,
        1f,
        va.at(a, 0),
        n,
        vb.at(ones, 0),
        1,
        beta,
        vc.at(y, offY),
        1);
  }

  /**
   * Copies {@code len} native floats from {@code src} at {@code offSrc} to {@code dst} at offDst.
   */
  void copy(FloatPointer src, long offSrc, FloatPointer dst, long offDst, int len) {
    openblas_nolapack.cblas_scopy(len, va.at(src, offSrc), 1, vb.at(dst, offDst), 1);
  }

  /** Copies {@code len} floats of {@code src} to {@code dst} at element {@code off}. */
  void put(float[] src, int len, FloatPointer dst, long off) {
    va.at(dst, off).put(src, 0, len);
  }

  /** Copies {@code len} floats of {@code src} from {@code from} to {@code dst} at {@code off}. */
  void put(float[] src, int from, int len, FloatPointer dst, long off) {
    va.at(dst, off).put(src, from, len);
  }

  /** Copies {@code len} floats of {@code src} at element {@code off} into {@code dst} at to. */
  void get(FloatPointer src, long off, float[] dst, int to, int len) {
    va.at(src, off).get(dst, to, len);
  }

  /** Copies {@code len} floats of {@code src} at element {@code off} into {@code dst}. */
  void get(FloatPointer src, long off, float[] dst, int len) {
    va.at(src, off).get(dst, 0, len);
  }
}
