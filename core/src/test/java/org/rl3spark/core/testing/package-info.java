/**
 * Test fixtures of core, shared with the other modules through core's test jar: small tasks with
 * hand-checkable dynamics ({@link org.rl3spark.core.testing.TestTasks}, {@link
 * org.rl3spark.core.testing.ModelTask}), the per-domain VAMDP constants, tolerant statistical
 * assertions and serialisation round trips.
 */
package org.rl3spark.core.testing;
