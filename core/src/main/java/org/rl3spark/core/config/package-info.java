/**
 * What the settings records of every module share: {@link
 * org.rl3spark.core.config.InvalidSettings}, the exception a record's compact constructor throws
 * when some of its components are out of range, naming each by its config key so that the config
 * loader of the jobs module reports it at its full key path.
 */
package org.rl3spark.core.config;
