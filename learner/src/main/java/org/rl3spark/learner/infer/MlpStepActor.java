package org.rl3spark.learner.infer;

import java.util.List;

/** The Markov actor stepped on single observations: a stack of dense layers, no memory. */
public final class MlpStepActor implements StepActor {

  private final List<DenseKernel> layers;
  private final int batch;
  private final float[][] buffers;

  /** A batched actor over envs 0 .. batch − 1 (BLAS products, see {@link DenseKernel}). */
  public MlpStepActor(List<DenseWeights> layers, int batch) {
    this(layers, batch, true, 0);
  }

  /**
   * An actor over {@code batch} envs.
   *
   * @param batched whether its larger products may run on BLAS (see {@link DenseKernel})
   * @param firstIndex global index of the first env (in the whole rollout)
   */
  public MlpStepActor(List<DenseWeights> layers, int batch, boolean batched, int firstIndex) {
    this.layers = layers.stream().map(w -> DenseKernel.of(w, batch, batched, firstIndex)).toList();
    this.batch = batch;
    this.buffers = new float[layers.size()][];
    for (int i = 0; i < layers.size(); i++) {
      buffers[i] = new float[batch * layers.get(i).nOut()];
    }
  }

  @Override
  public int batchSize() {
    return batch;
  }

  @Override
  public void reset() {}

  @Override
  public void step(float[] observations, float[] logits) {
    float[] x = observations;
    for (int i = 0; i < layers.size(); i++) {
      float[] y = i == layers.size() - 1 ? logits : buffers[i];
      layers.get(i).apply(x, y);
      x = y;
    }
  }
}
