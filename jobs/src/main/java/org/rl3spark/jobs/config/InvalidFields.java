package org.rl3spark.jobs.config;

import java.util.List;
import java.util.Map;
import org.rl3spark.core.config.InvalidSettings;

/**
 * The {@link InvalidSettings} of the jobs' config records, whose checker also applies the hard part
 * of a {@link Bound}; the loader reports each problem at its full key path.
 */
public final class InvalidFields extends InvalidSettings {

  private static final long serialVersionUID = 1L;

  private InvalidFields(List<Map.Entry<String, String>> fields) {
    super(fields);
  }

  /** Collects problems of one record and throws them together. */
  public static final class Checker extends InvalidSettings.Checker {

    @Override
    public Checker require(boolean ok, String key, String message) {
      super.require(ok, key, message);
      return this;
    }

    /**
     * Records a problem with {@code key} if {@code value} exceeds the hard part of {@code bound}
     * (the soft part is the loader's, see {@link LimitChecks}).
     */
    public Checker withinHard(Bound bound, String key, long value) {
      bound.problem(value, true).ifPresent(m -> super.require(false, key, m));
      return this;
    }

    @Override
    protected InvalidFields invalid(List<Map.Entry<String, String>> problems) {
      return new InvalidFields(problems);
    }
  }
}
