/**
 * Everything of the learner that touches DL4J (ND4J also serves {@code infer}'s BLAS kernel): the
 * custom SameDiff layers (causal self-attention, layer normalisation, learned positional
 * embeddings, sequence-wise dense layers), the network configurations (transformer, Markov MLP,
 * LSTM actors and critics), the actor and critic with their forward passes and fit ({@link
 * org.rl3spark.learner.dl4j.ActorCritic}, on plain arrays: the PPO update that drives it lives in
 * {@code ppo}), the PPO and critic loss functions, parameter extraction for the incremental path,
 * and model files.
 *
 * <p>DL4J 1.0.0-M2.x doubles the gradients that flow through every SameDiffLayer (for its
 * parameters and for the error it passes down; {@code ExternalErrorsFunction.doDiff} both registers
 * and returns the gradient). Every layer here therefore outputs 0.5·y + 0.5·stopGradient(y) (same
 * value, half the gradient); {@link org.rl3spark.learner.dl4j.SdOps#halveGradient} is that fix and
 * a gradient-check test shows it is needed.
 *
 * <p>The actor and critic run their transformer body as {@link
 * org.rl3spark.learner.dl4j.DirectTransformerBodyLayer}: the SameDiff {@link
 * org.rl3spark.learner.dl4j.TransformerBodyLayer}'s parameters and function with the backward pass
 * written out (sgemm on OpenBLAS and Java loops), 2.7× faster per PPO update; tests hold it equal
 * to the SameDiff layer, which gradient checks hold equal to finite differences. Off the CPU
 * backend or in double precision it computes through the SameDiff graph.
 */
package org.rl3spark.learner.dl4j;
