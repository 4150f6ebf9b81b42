package org.rl3spark.learner.infer;

import java.io.Serializable;

/**
 * One post-norm decoder block: x ← LN_a(x + Attn(x)); x ← LN_b(x + FF_b(FF_a(x))).
 *
 * @param qkv the joint query/key/value projection [d][3d] (head h: columns h·3k + [0,k) q, [k,2k)
 *     k, [2k,3k) v)
 * @param out the attention output projection [d][d]
 * @param lnA layer norm after the attention residual
 * @param ffA first feed-forward layer (tanh-GELU)
 * @param ffB second feed-forward layer (identity)
 * @param lnB layer norm after the feed-forward residual
 */
public record BlockWeights(
    DenseWeights qkv,
    DenseWeights out,
    LayerNormWeights lnA,
    DenseWeights ffA,
    DenseWeights ffB,
    LayerNormWeights lnB)
    implements Serializable {}
