package org.rl3spark.learner.dl4j;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;

/** SameDiff building blocks shared by the custom layers. Inputs are in NCW layout [mb, d, T]. */
final class SdOps {

  /** Flux's LayerNorm epsilon, added to the standard deviation (not to the variance). */
  static final double LAYER_NORM_EPSILON = 1e-5;

  private SdOps() {}

  /**
   * The DL4J M2.x gradient fix: 0.5·y + 0.5·stopGradient(y) has the value of y and half its
   * gradient, which cancels the doubling DL4J applies to every SameDiffLayer's gradients.
   */
  static SDVariable halveGradient(SameDiff sd, SDVariable y, boolean enabled) {
    if (!enabled) {
      return y;
    }
    SDVariable frozen = new StopGradient(sd, y).outputVariable();
    return y.mul(0.5).add(frozen.mul(0.5));
  }

  /**
   * Layer normalisation over the feature axis of [mb, d, T]: (x − μ) / (σ + ε)·g + b with the
   * population σ and ε = 1e-5 added to σ, as Flux 0.14 computes it (spec §4.1).
   */
  static SDVariable layerNorm(SameDiff sd, SDVariable x, SDVariable gain, SDVariable bias, long d) {
    SDVariable centred = x.sub(x.mean(true, 1));
    SDVariable std = sd.math.sqrt(centred.mul(centred).mean(true, 1));
    return centred
        .div(std.add(LAYER_NORM_EPSILON))
        .mul(sd.reshape(gain, 1, d, 1))
        .add(sd.reshape(bias, 1, d, 1));
  }

  /** GELU, tanh approximation: 0.5·x·(1 + tanh(sqrt(2/π)·(x + 0.044715·x³))) (NNlib's gelu). */
  static SDVariable geluTanh(SameDiff sd, SDVariable x) {
    SDVariable cube = x.mul(x).mul(x);
    SDVariable inner = x.add(cube.mul(0.044715)).mul(Math.sqrt(2 / Math.PI));
    return x.mul(sd.math.tanh(inner).add(1.0)).mul(0.5);
  }
}
