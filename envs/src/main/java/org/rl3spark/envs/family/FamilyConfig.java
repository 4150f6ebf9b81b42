package org.rl3spark.envs.family;

import org.rl3spark.core.task.TaskFamily;

/**
 * The settings of one task family (a {@code family.<name>} block of a config, or a demo or
 * evaluation set's overrides of it). Implementations are records whose components are the block's
 * keys (camelCase for kebab-case: {@code oodAlpha} is {@code ood-alpha}); they validate by
 * constructing the family, so that the messages are the envs' own. A record's {@code toString} is
 * part of a training run's config hash: renaming a record or a component changes the hash.
 */
public interface FamilyConfig {

  /** The family name, as registered. */
  String name();

  /** The task family these settings describe. */
  TaskFamily toFamily();
}
