/**
 * The RL² meta-episode.
 *
 * <p>A {@link org.rl3spark.core.meta.MetaEnv} plays one task for an interaction budget of H steps,
 * spanning as many inner episodes as fit, and builds the meta-observation (previous action one-hot,
 * previous raw reward, meta-episode start flag, t/H, t_τ/TH, inner observation; layout {@link
 * org.rl3spark.core.meta.MetaLayout}). Whatever the inner env remembers (the VAMDP's model and
 * counts) persists across inner episodes and is discarded when the next task starts.
 */
package org.rl3spark.core.meta;
