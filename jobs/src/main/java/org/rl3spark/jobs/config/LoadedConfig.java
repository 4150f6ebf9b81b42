package org.rl3spark.jobs.config;

import java.util.Objects;

/**
 * A validated config with what the manifest records about it.
 *
 * @param config the validated records
 * @param resolvedJson the fully resolved config (defaults, file and overrides merged) as JSON
 * @param source where it was loaded from (the config file)
 */
public record LoadedConfig(Rl3Config config, String resolvedJson, String source) {

  /** Requires every field. */
  public LoadedConfig {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(resolvedJson, "resolvedJson");
    Objects.requireNonNull(source, "source");
  }
}
