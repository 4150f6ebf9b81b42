/**
 * JMH benchmarks. Run {@code java -jar bench/target/benchmarks.jar <regex>} after {@code mvn
 * package}; the figures and exact commands are kept in {@code BENCHMARKS.md}.
 */
package org.rl3spark.bench;
