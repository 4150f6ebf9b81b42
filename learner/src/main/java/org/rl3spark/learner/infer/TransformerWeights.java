package org.rl3spark.learner.infer;

import java.io.Serializable;
import java.util.List;

/**
 * All weights of a transformer actor (or critic), in the order of the forward pass: input MLP,
 * layer norm, positional table, decoder blocks, relu, head.
 *
 * @param emb1 first input layer (relu)
 * @param emb2 second input layer (relu), output width d
 * @param ln0 layer norm of the embedding
 * @param positions positional table, row-major [maxLen][d]
 * @param maxLen number of positions
 * @param heads attention heads
 * @param blocks decoder blocks
 * @param head the output layer (identity), applied after a relu
 */
public record TransformerWeights(
    DenseWeights emb1,
    DenseWeights emb2,
    LayerNormWeights ln0,
    float[] positions,
    int maxLen,
    int heads,
    List<BlockWeights> blocks,
    DenseWeights head)
    implements Serializable {

  /** Copies the block list. */
  public TransformerWeights {
    blocks = List.copyOf(blocks);
  }

  /** Model width d. */
  public int dModel() {
    return emb2.nOut();
  }

  /** Observation width m. */
  public int inputSize() {
    return emb1.nIn();
  }

  /** Output width. */
  public int outputSize() {
    return head.nOut();
  }
}
