package org.rl3spark.learner.dl4j;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Row-major single-precision matrix products on the OpenBLAS that ND4J's CPU backend ships
 * (the same library and thread setting as ND4J's own gemm), on Java arrays. JavaCPP copies each
 * array in and out of the native call; measured on the development machine that costs ~20% of a
 * 3200 × 64 × 192 product, far less than an ND4J op's fixed overhead. Only loaded on the CPU
 * backend (see {@link DirectTransformerBody}).
 */
final class Sgemm {

  private Sgemm() {}

  /**
   * C ← alpha·op(A)·op(B) + beta·C with op(A) m × k, op(B) k × n, C m × n, all row-major and
   * dense (A is k × m when {@code transA}, B is n × k when {@code transB}).
   */
  static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a,
      float[] b, float beta, float[] c) {
    openblas_nolapack.cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans,
        transB ? CblasTrans : CblasNoTrans, m, n, k, alpha, a, transA ? m : k, b,
        transB ? k : n, beta, c, n);
  }
}
