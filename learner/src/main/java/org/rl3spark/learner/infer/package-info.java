/**
 * Step-by-step inference for rollouts, in plain Java over weights copied out of the DL4J graphs.
 * {@link org.rl3spark.learner.infer.IncrementalTransformer} keeps each layer's keys and values, so
 * step t costs O(t) instead of re-running the whole window, batched over many envs at once; tests
 * assert it gives the graph's outputs at every step.
 */
package org.rl3spark.learner.infer;
