/**
 * The {@code demo} job: the tasks stage for every set of {@code demo.sets}, published together with
 * one combined summary.
 */
package org.rl3spark.jobs.demo;
