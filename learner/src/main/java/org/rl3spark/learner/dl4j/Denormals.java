package org.rl3spark.learner.dl4j;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Sets parameters of magnitude below {@link #PARAMETERS_BELOW} and optimizer state below {@link
 * #STATE_BELOW} to zero.
 *
 * <p>Over a long run the critic's L2 penalty and Adam's decaying moments drive the weights of units
 * that no longer receive gradient (dead ReLUs, unused attention heads, input slots that are always
 * zero, such as the VAMDP's standard errors) towards zero geometrically, into the subnormal floats,
 * and products with them (a dead head's keys times the score gradients) are subnormal too. A matrix
 * product with subnormal operands is many times slower on x86 (each takes a microcode assist), and
 * Java cannot set the flush-to-zero mode of the BLAS threads. Measured with {@code
 * TrainedUpdateTiming} (BENCHMARKS.md): the shipped RL³ bandit agent at iteration 200 had 10.6% of
 * its critic's parameters subnormal and its second (steady-state) update took 6.96 s against 2.93 s
 * for a fresh network on the same batch (3.20–3.37 s against 3.06–3.25 s with this flush); an RL²
 * checkpoint with no subnormal parameter but many weights near 1e−25 still made 1.3 M subnormal key
 * and query gradients in the first epoch after loading. A parameter below 1e−10 is 10⁻⁸ of a
 * typical weight (about 0.01), under float rounding of any sum it enters, and one that still
 * receives gradient moves by about the learning rate (3e−4) per step, so only weights in L2's
 * geometric decay are ever zeroed; Adam moments below 1e−30 are 10⁻²² of its ε (1e−8), so the steps
 * do not change.
 */
public final class Denormals {

  /** Parameters of smaller magnitude become zero. */
  public static final double PARAMETERS_BELOW = 1e-10;

  /** Adam moments of smaller magnitude become zero (the smallest normal float is 1.2e−38). */
  public static final double STATE_BELOW = 1e-30;

  private Denormals() {}

  /** Flushes the parameters and the updater state of {@code net} in place. */
  public static void flush(ComputationGraph net) {
    flush(net.params(), PARAMETERS_BELOW);
    if (net.getUpdater() != null && net.getUpdater().getStateViewArray() != null) {
      flush(net.getUpdater().getStateViewArray(), STATE_BELOW);
    }
  }

  /**
   * A network's state flushed as {@link #flush(ComputationGraph)} flushes the network (the same
   * ND4J operation on the same values): a distributed fit flushes the averaged state it sends on.
   */
  public static FlatState flush(FlatState s) {
    float[] v = s.values().clone();
    int p = s.parameters();
    if (p > 0) {
      float[] params = java.util.Arrays.copyOfRange(v, 0, p);
      INDArray a = Nd4j.create(params, new long[] {1, p}, 'c');
      flush(a, PARAMETERS_BELOW);
      System.arraycopy(a.data().asFloat(), 0, v, 0, p);
    }
    if (v.length > p) {
      float[] state = java.util.Arrays.copyOfRange(v, p, v.length);
      INDArray a = Nd4j.create(state, new long[] {1, state.length}, 'c');
      flush(a, STATE_BELOW);
      System.arraycopy(a.data().asFloat(), 0, v, p, state.length);
    }
    return new FlatState(v, p, s.iteration(), s.epoch());
  }

  /** Sets the values of one array (or view) below {@code below} in magnitude to 0, in place. */
  static void flush(INDArray a, double below) {
    BooleanIndexing.replaceWhere(a, 0.0, Conditions.absLessThan(below));
  }
}
