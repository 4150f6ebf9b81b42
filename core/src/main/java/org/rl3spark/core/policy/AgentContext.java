package org.rl3spark.core.policy;

import org.rl3spark.core.random.Rng;
import org.rl3spark.core.task.Task;

/**
 * What a policy may know when a meta-episode starts.
 *
 * @param task the task; only oracles may look at its parameters
 * @param budget the interaction budget H
 * @param numActions number of actions
 * @param numStates number of states of the task
 * @param taskHorizon the effective task horizon min(TH, H)
 * @param rng the policy's own generator for this meta-episode (action sampling, posterior draws)
 */
public record AgentContext(
    Task task, int budget, int numActions, int numStates, int taskHorizon, Rng rng) {}
