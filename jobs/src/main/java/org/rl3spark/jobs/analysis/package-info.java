/**
 * The Appendix D jobs ({@code qunique}, {@code qdup}, {@code qclassify}) and the stages they share:
 * the random MDPs of a setting ({@link org.rl3spark.jobs.analysis.AppendixDMdps}), their optimal
 * Q-tables and Q-estimate traces computed on the executors ({@link
 * org.rl3spark.jobs.analysis.TableStages}), exact pair counting distributed over executors ({@link
 * org.rl3spark.jobs.analysis.PairCountStage}) and the publishing of a small result table ({@link
 * org.rl3spark.jobs.analysis.ResultTable}).
 *
 * <p>Every random stream is derived with {@link org.rl3spark.core.random.Seeds} from (master seed,
 * purpose, setting, MDP index, rollout), and every distributed count is a sum of integers over
 * independent pieces of work, so results do not depend on partitioning, order or retries.
 */
package org.rl3spark.jobs.analysis;
