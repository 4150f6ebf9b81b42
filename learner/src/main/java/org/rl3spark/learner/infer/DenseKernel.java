package org.rl3spark.learner.infer;

/**
 * A dense layer bound to a fixed number of rows, as an actor applies it at every step. On ND4J's
 * CPU backend, a product of at least {@link BlasDenseKernel#MIN_ROWS} rows and
 * {@link BlasDenseKernel#MIN_MULTIPLY_ADDS} multiply-adds runs on its BLAS (one sgemm: 6× faster
 * than the Java loop for 32 rows of the reference 64 × 256 layer); smaller products, where the
 * ~15–40 µs of the native call outweigh the loop, and the GPU backend (whose buffers live on the
 * device) use the plain Java {@link DenseWeights#apply}.
 */
public interface DenseKernel {

  /** y = act(x·W + b) for the bound rows; x is [rows][nIn], y [rows][nOut], flattened. */
  void apply(float[] x, float[] y);

  /** The fastest kernel for {@code rows} rows of {@code w} on this JVM. */
  static DenseKernel of(DenseWeights w, int rows) {
    long multiplyAdds = (long) rows * w.nIn() * w.nOut();
    if (rows >= BlasDenseKernel.MIN_ROWS
        && multiplyAdds >= BlasDenseKernel.MIN_MULTIPLY_ADDS
        && BlasDenseKernel.available()) {
      return new BlasDenseKernel(w, rows);
    }
    return (x, y) -> w.apply(x, rows, y);
  }
}
