/**
 * The {@code ship} job: a training run's portable copy under {@code results/agents/} ({@link
 * org.rl3spark.jobs.ship.ShippedRun}: newest checkpoint, settings, metrics), with the agent's
 * returns on the first test tasks ({@link org.rl3spark.jobs.ship.AgentReplay}) that a test replays.
 * {@code train --resume-from} continues a run from such a copy.
 */
package org.rl3spark.jobs.ship;
