/**
 * Tabular models and their solvers.
 *
 * <p>{@link org.rl3spark.core.model.TabularModel} is the one interface value iteration consumes.
 * Known task models ({@link org.rl3spark.core.model.SparseModel}) and the learned model inside the
 * VAMDP implement it. {@link org.rl3spark.core.model.ValueIteration} holds the solvers: the
 * ε-stopped synchronous sweeps of the reference code, and exact finite-horizon backward induction
 * (the oracle).
 */
package org.rl3spark.core.model;
