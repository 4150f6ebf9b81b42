/**
 * Test helpers of the envs module: tolerant statistical assertions with name-derived seeds,
 * hand-rolled oracles written independently of the main solvers, and serialisation round trips.
 */
package org.rl3spark.envs.testing;
