package org.rl3spark.learner.dl4j;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Sets how many threads ND4J's native code uses (its op parallelism, OpenMP and BLAS). The networks
 * here are small: with several threads per op, ND4J's OpenMP workers spin-wait and contend as soon
 * as other work shares the cores (Spark's task threads, a second training process), which made a
 * small update 10–40× slower in our measurements. Spark executors therefore run ND4J
 * single-threaded and parallelise across tasks instead.
 */
public final class Nd4jThreads {

  private Nd4jThreads() {}

  /** Limits ND4J's native threads (op parallelism and OpenMP) to {@code threads} ≥ 1. */
  public static void set(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("ND4J threads must be >= 1, got " + threads);
    }
    Nd4j.getEnvironment().setMaxThreads(threads);
    Nd4j.getEnvironment().setMaxMasterThreads(threads);
    NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
    Nd4j.factory().blas().setMaxThreads(threads);
  }

  /** The current limit. */
  public static int get() {
    return Nd4j.getEnvironment().maxThreads();
  }
}
