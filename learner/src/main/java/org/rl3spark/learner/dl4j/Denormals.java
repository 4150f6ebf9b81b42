package org.rl3spark.learner.dl4j;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Sets parameters and optimizer state of magnitude below {@link #FLUSH_BELOW} to zero.
 *
 * <p>Over a long run the critic's L2 penalty and Adam's decaying moments drive the weights of
 * units that no longer receive gradient (dead ReLUs, input slots that are always zero, such as the
 * VAMDP's standard errors) towards zero geometrically, into the subnormal floats. A matrix product
 * with subnormal operands is many times slower on x86 (each one takes a microcode assist), and
 * Java cannot set the flush-to-zero mode of the BLAS threads. Measured on the shipped RL³ bandit
 * agent at iteration 200: 10.6% of the critic's parameters subnormal, one PPO update (8 epochs,
 * 64 × 100 steps) 12.9 s against 3.4–5.7 s for a fresh network of the same size on the same
 * batch; flushing once per epoch brings it to 5.5 s (BENCHMARKS.md). A value below 1e-30 is
 * 10^-28 of the typical weight (about 0.01) and of Adam's ε-floored step, so zeroing it changes no
 * output above float rounding.
 */
public final class Denormals {

  /** Magnitudes below this become zero (the smallest normal float is about 1.2e-38). */
  public static final double FLUSH_BELOW = 1e-30;

  private Denormals() {}

  /** Flushes the parameters and the updater state of {@code net} in place. */
  public static void flush(ComputationGraph net) {
    flush(net.params());
    if (net.getUpdater() != null && net.getUpdater().getStateViewArray() != null) {
      flush(net.getUpdater().getStateViewArray());
    }
  }

  /** Flushes one array (or view) in place. */
  static void flush(INDArray a) {
    BooleanIndexing.replaceWhere(a, 0.0, Conditions.absLessThan(FLUSH_BELOW));
  }
}
