package org.rl3spark.learner.infer;

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
  private int t;

  /** An actor over {@code batch} sequences. */
  public IncrementalTransformer(TransformerWeights weights, int batch) {
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
    w.emb1().apply(observations, batch, hidden);
    w.emb2().apply(hidden, batch, x);
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
      bw.qkv().apply(x, batch, qkv);
      float[] kc = keys[l];
      float[] vc = values[l];
      for (int b = 0; b < batch; b++) {
        for (int h = 0; h < heads; h++) {
          int src = b * 3 * d + h * 3 * k;
          int cache = ((b * heads + h) * len) * k;
          System.arraycopy(qkv, src + k, kc, cache + t * k, k);
          System.arraycopy(qkv, src + 2 * k, vc, cache + t * k, k);
          double max = Double.NEGATIVE_INFINITY;
          for (int j = 0; j <= t; j++) {
            double s = 0;
            for (int i = 0; i < k; i++) {
              s += qkv[src + i] * kc[cache + j * k + i];
            }
            s *= scale;
            scores[j] = (float) s;
            max = Math.max(max, s);
          }
          double sum = 0;
          for (int j = 0; j <= t; j++) {
            double e = Math.exp(scores[j] - max);
            scores[j] = (float) e;
            sum += e;
          }
          int o = b * d + h * k;
          for (int i = 0; i < k; i++) {
            double acc = 0;
            for (int j = 0; j <= t; j++) {
              acc += scores[j] * vc[cache + j * k + i];
            }
            attn[o + i] = (float) (acc / sum);
          }
        }
      }
      bw.out().apply(attn, batch, tmp);
      for (int i = 0; i < batch * d; i++) {
        x[i] += tmp[i];
      }
      bw.lnA().apply(x, batch);
      bw.ffA().apply(x, batch, ff);
      bw.ffB().apply(ff, batch, tmp);
      for (int i = 0; i < batch * d; i++) {
        x[i] += tmp[i];
      }
      bw.lnB().apply(x, batch);
    }
    for (int i = 0; i < batch * d; i++) {
      x[i] = Math.max(x[i], 0f);
    }
    w.head().apply(x, batch, logits);
    t++;
  }
}
