/**
 * The test-only fault hooks of the {@code testing} config block ({@link
 * org.rl3spark.jobs.config.TestingConfig}), executed where the jobs call them: a failure in a given
 * task index's Spark task (once or in every attempt) and a failure after writing, before
 * publishing. Off unless the JVM runs with {@code -Drl3.testing=true}; they never change the rows a
 * job produces.
 */
package org.rl3spark.jobs.testing;
