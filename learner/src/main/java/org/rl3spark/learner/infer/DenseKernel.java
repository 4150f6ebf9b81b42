package org.rl3spark.learner.infer;

/**
 * A dense layer bound to a fixed number of rows, as an actor applies it at every step.
 *
 * <p>Batched actors (rollouts of many envs in lockstep) run the products of the larger layers on
 * ND4J's BLAS ({@link BlasDenseKernel}: 6× faster than the Java loop for 32 rows of the reference
 * 64 × 256 layer), each row at a place fixed by its global index, so that every row's result is the
 * same whatever the batch: a rollout's actions must not depend on how its envs were partitioned.
 * Small layers (where the native call costs more than the loop saves), the GPU backend (whose
 * buffers live on the device) and unbatched actors (one meta-episode at a time, as the evaluate job
 * plays them) use the plain Java {@link DenseWeights#apply}, which is row-independent too. The two
 * paths agree to float rounding, not bit for bit.
 */
public interface DenseKernel {

  /** y = act(x·W + b) for the bound rows; x is [rows][nIn], y [rows][nOut], flattened. */
  void apply(float[] x, float[] y);

  /**
   * The kernel for {@code rows} rows of {@code w}.
   *
   * @param batched whether the caller is a batched actor that may use BLAS (the choice must not
   *     depend on {@code rows}, or a row's result would depend on its batch)
   * @param firstIndex the global index of the first row (the first env's index in the whole
   *     rollout), which fixes each row's place in the BLAS products
   */
  static DenseKernel of(DenseWeights w, int rows, boolean batched, int firstIndex) {
    if (batched && BlasDenseKernel.worthIt(w) && CpuBackend.active()) {
      return new BlasDenseKernel(w, rows, firstIndex);
    }
    return (x, y) -> w.apply(x, rows, y);
  }
}
