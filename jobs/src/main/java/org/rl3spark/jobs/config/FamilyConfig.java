package org.rl3spark.jobs.config;

import org.rl3spark.core.task.TaskFamily;

/**
 * The settings of one task family (a {@code family.*} block, or a demo set's overrides of it).
 * Records implementing this validate by constructing the envs' family record, so that the messages
 * are the envs' own.
 */
public sealed interface FamilyConfig permits BanditsConfig, MdpsConfig, GridworldConfig {

  /** The family name: {@code bandits}, {@code mdps} or {@code gridworld}. */
  String name();

  /** The task family these settings describe. */
  TaskFamily toFamily();
}
