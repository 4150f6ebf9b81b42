/**
 * The environment contract.
 *
 * <p>An {@link org.rl3spark.core.env.Env} simulates one task; a {@link
 * org.rl3spark.core.env.TabularEnv} additionally has an enumerable state space and exposes its
 * exact {@link org.rl3spark.core.model.TabularModel}. Time limits and budgets are wrappers (the
 * meta-episode of package {@code meta}), never part of an env.
 */
package org.rl3spark.core.env;
