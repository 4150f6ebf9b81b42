/**
 * Building the Spark session of a job from the validated {@code spark} config block: master only
 * when not launched by spark-submit, loopback driver addresses for local masters, the Java 17 flags
 * for executors, and the user's {@code spark.conf} entries.
 */
package org.rl3spark.jobs.spark;
