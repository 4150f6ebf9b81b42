/**
 * Tasks and task families.
 *
 * <p>A {@link org.rl3spark.core.task.Task} is the immutable parameter set of one MDP drawn from a
 * {@link org.rl3spark.core.task.TaskFamily}; it creates envs that simulate it and exposes its exact
 * model. A task is a pure function of (family config, split, task index, master seed).
 */
package org.rl3spark.core.task;
