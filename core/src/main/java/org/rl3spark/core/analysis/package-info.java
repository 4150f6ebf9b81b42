/**
 * The paper's Appendix D analyses, as pure functions: optimal Q-tables of small MDPs ({@link
 * org.rl3spark.core.analysis.QTables}), Q-estimate traces of the VAMDP's learned model under a
 * random policy ({@link org.rl3spark.core.analysis.QEstimateTrace}), and exact counting of δ-close
 * pairs of tables ({@link org.rl3spark.core.analysis.TableSet}, {@link
 * org.rl3spark.core.analysis.Closeness}).
 *
 * <p>Two counting methods give the same count for every input, so that each checks the other:
 * {@link org.rl3spark.core.analysis.AllPairs} compares every pair, block by block; {@link
 * org.rl3spark.core.analysis.GridIndex} buckets tables on a grid of side slightly above δ and
 * compares only tables of neighbouring buckets. Both use the one closeness predicate of {@link
 * org.rl3spark.core.analysis.Closeness}: every coordinate differs by strictly less than δ. Both
 * split into independent pieces of work (block pairs, ranges of buckets) whose counts add up
 * exactly, which is how the Spark jobs distribute them.
 */
package org.rl3spark.core.analysis;
