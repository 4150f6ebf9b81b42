/**
 * Random streams derived from identifiers.
 *
 * <p>Every random stream in the pipeline is a {@link org.rl3spark.core.random.Rng} seeded by {@link
 * org.rl3spark.core.random.Seeds#derive}: a fixed mixing function of the master seed, a purpose
 * string and integer identifiers (split, task index, meta-episode, ...). Streams therefore never
 * depend on call order, partitioning or task-attempt numbers, and any executor can redo any piece
 * of work exactly. The generator and its samplers are implemented here, with {@code StrictMath}, so
 * that streams are identical across JDK versions and CPUs. The one categorical distribution that
 * policies, rollouts and env dynamics draw from is here too ({@link
 * org.rl3spark.core.random.Categorical}); its softmax uses {@code Math.exp}, as the trained agents'
 * rollouts always have.
 */
package org.rl3spark.core.random;
