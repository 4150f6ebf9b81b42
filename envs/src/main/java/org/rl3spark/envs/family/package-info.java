/**
 * What the pipeline needs to know about a task family beyond its envs classes, without Spark or
 * HOCON: its settings record, the columns of its task rows and how a task maps onto them, the
 * statistics its task summary averages, the classical policies it accepts and the samples the env
 * conformance suite plays. One {@link org.rl3spark.envs.family.FamilySupport} per family; {@link
 * org.rl3spark.envs.Families} lists them (walk-through: {@code docs/adding-a-family.md}).
 */
package org.rl3spark.envs.family;
