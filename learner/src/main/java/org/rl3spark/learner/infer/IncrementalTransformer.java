package org.rl3spark.learner.infer;

import java.util.Arrays;

/**
 * Incremental forward pass of a causal transformer with a key/value cache per block.
 *
 * <p>At position t only the new token runs through the network: its queries attend to the cached
 * keys and values of positions 0..t of every block, so a step costs O(t·d) per layer instead of
 * re-running the window, and the outputs equal the full causal forward pass (the graph's masked
 * positions get weight exactly 0 there too). Batched over B sequences in lockstep.
 */
public final class IncrementalTransformer implements StepActor {

  private final TransformerWeights w;
  private final int batch;
  private final int d;
  private final int heads;
  private final int k;
  private final float[][] keys;
  private final float[][] values;
  private final float[] hidden;
  private final float[] x;
  private final float[] qkv;
  private final float[] attn;
  private final float[] tmp;
  private final float[] ff;
  private final float[] scores;
  private final DenseKernel emb1;
  private final DenseKernel emb2;
  private final DenseKernel head;
  private final DenseKernel[][] dense;
  private int t;

  /** A batched actor over sequences 0 .. batch − 1 (BLAS products, see {@link DenseKernel}). */
  public IncrementalTransformer(TransformerWeights weights, int batch) {
    this(weights, batch, true, 0);
  }

  /**
   * An actor over {@code batch} sequences.
   *
   * @param batched whether its larger products may run on BLAS (see {@link DenseKernel})
   * @param firstIndex global index of the first sequence (its env's index in the rollout)
   */
  public IncrementalTransformer(
      TransformerWeights weights, int batch, boolean batched, int firstIndex) {
    this.w = weights;
    this.batch = batch;
    this.d = weights.dModel();
    this.heads = weights.heads();
    this.k = d / heads;
    int len = weights.maxLen();
    int blocks = weights.blocks().size();
    keys = new float[blocks][batch * heads * len * k];
    values = new float[blocks][batch * heads * len * k];
    hidden = new float[batch * weights.emb1().nOut()];
    x = new float[batch * d];
    qkv = new float[batch * 3 * d];
    attn = new float[batch * d];
    tmp = new float[batch * d];
    int ffWidth = weights.blocks().isEmpty() ? 1 : weights.blocks().get(0).ffA().nOut();
    ff = new float[batch * ffWidth];
    scores = new float[len];
    emb1 = DenseKernel.of(weights.emb1(), batch, batched, firstIndex);
    emb2 = DenseKernel.of(weights.emb2(), batch, batched, firstIndex);
    head = DenseKernel.of(weights.head(), batch, batched, firstIndex);
    dense = new DenseKernel[blocks][];
    for (int l = 0; l < blocks; l++) {
      BlockWeights bw = weights.blocks().get(l);
      dense[l] =
          new DenseKernel[] {
            DenseKernel.of(bw.qkv(), batch, batched, firstIndex),
            DenseKernel.of(bw.out(), batch, batched, firstIndex),
            DenseKernel.of(bw.ffA(), batch, batched, firstIndex),
            DenseKernel.of(bw.ffB(), batch, batched, firstIndex)
          };
    }
  }

  @Override
  public int batchSize() {
    return batch;
  }

  @Override
  public void reset() {
    t = 0;
  }

  /** The position the next step will fill. */
  public int position() {
    return t;
  }

  @Override
  public void step(float[] observations, float[] logits) {
    int len = w.maxLen();
    if (t >= len) {
      throw new IllegalStateException("sequence longer than the " + len + " learned positions");
    }
    emb1.apply(observations, hidden);
    emb2.apply(hidden, x);
    w.ln0().apply(x, batch);
    float[] pe = w.positions();
    for (int b = 0; b < batch; b++) {
      for (int i = 0; i < d; i++) {
        x[b * d + i] += pe[t * d + i];
      }
    }
    double scale = 1 / Math.sqrt(k);
    for (int l = 0; l < w.blocks().size(); l++) {
      BlockWeights bw = w.blocks().get(l);
      dense[l][0].apply(x, qkv);
      float[] kc = keys[l];
      float[] vc = values[l];
      for (int b = 0; b < batch; b++) {
        for (int h = 0; h < heads; h++) {
          int src = b * 3 * d + h * 3 * k;
          int seq = (b * heads + h) * len * k;
          // keys transposed ([k][len]) so that the scores are k AXPYs over positions, values
          // position-major ([len][k]) so that the weighted sum is t + 1 AXPYs over features:
          // both inner loops run over contiguous floats and vectorise
          for (int i = 0; i < k; i++) {
            kc[seq + i * len + t] = qkv[src + k + i];
          }
          System.arraycopy(qkv, src + 2 * k, vc, seq + t * k, k);
          Arrays.fill(scores, 0, t + 1, 0f);
          for (int i = 0; i < k; i++) {
            float qi = (float) (qkv[src + i] * scale);
            int row = seq + i * len;
            for (int j = 0; j <= t; j++) {
              scores[j] += qi * kc[row + j];
            }
          }
          float max = Float.NEGATIVE_INFINITY;
          for (int j = 0; j <= t; j++) {
            max = Math.max(max, scores[j]);
          }
          double sum = 0;
          for (int j = 0; j <= t; j++) {
            float e = (float) Math.exp(scores[j] - max);
            scores[j] = e;
            sum += e;
          }
          int o = b * d + h * k;
          Arrays.fill(attn, o, o + k, 0f);
          for (int j = 0; j <= t; j++) {
            float p = scores[j];
            int row = seq + j * k;
            for (int i = 0; i < k; i++) {
              attn[o + i] += p * vc[row + i];
            }
          }
          float inv = (float) (1 / sum);
          for (int i = 0; i < k; i++) {
            attn[o + i] *= inv;
          }
        }
      }
      dense[l][1].apply(attn, tmp);
      for (int i = 0; i < batch * d; i++) {
        x[i] += tmp[i];
      }
      bw.lnA().apply(x, batch);
      dense[l][2].apply(x, ff);
      dense[l][3].apply(ff, tmp);
      for (int i = 0; i < batch * d; i++) {
        x[i] += tmp[i];
      }
      bw.lnB().apply(x, batch);
    }
    for (int i = 0; i < batch * d; i++) {
      x[i] = Math.max(x[i], 0f);
    }
    head.apply(x, logits);
    t++;
  }
}
