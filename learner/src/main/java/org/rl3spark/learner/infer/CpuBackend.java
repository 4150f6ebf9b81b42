package org.rl3spark.learner.infer;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Whether ND4J runs on its CPU backend, where its buffers are host memory Java can view and its
 * OpenBLAS can be called directly: the condition of the native fast paths (the batched actors'
 * {@link BlasDenseKernel} and the training graphs' direct transformer body).
 */
public final class CpuBackend {

  private static final boolean ACTIVE = detect();

  private CpuBackend() {}

  /** Whether the CPU backend is the one in use. */
  public static boolean active() {
    return ACTIVE;
  }

  private static boolean detect() {
    try {
      return Nd4j.getBackend().getClass().getName().toLowerCase().contains("cpu");
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }
}
