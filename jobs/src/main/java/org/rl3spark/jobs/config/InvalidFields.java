package org.rl3spark.jobs.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An {@link IllegalArgumentException} from a config record's constructor that names the offending
 * keys, so the loader can report each at its full key path.
 */
public final class InvalidFields extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final transient List<Map.Entry<String, String>> fields;

  private InvalidFields(List<Map.Entry<String, String>> fields) {
    super(describe(fields));
    this.fields = List.copyOf(fields);
  }

  /** The problems as (key relative to the record's block, message). */
  public List<Map.Entry<String, String>> fields() {
    return fields;
  }

  private static String describe(List<Map.Entry<String, String>> fields) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, String> f : fields) {
      parts.add(f.getKey() + ": " + f.getValue());
    }
    return String.join("; ", parts);
  }

  /** Collects problems of one record and throws them together. */
  public static final class Checker {
    private final List<Map.Entry<String, String>> found = new ArrayList<>();

    /** Records a problem with {@code key} unless {@code ok}. */
    public Checker require(boolean ok, String key, String message) {
      if (!ok) {
        found.add(Map.entry(key, message));
      }
      return this;
    }

    /**
     * Records a problem with {@code key} if {@code value} exceeds the hard part of {@code bound}
     * (the soft part is the loader's, see {@link LimitChecks}).
     */
    public Checker withinHard(Bound bound, String key, long value) {
      bound.problem(value, true).ifPresent(m -> found.add(Map.entry(key, m)));
      return this;
    }

    /** Throws an {@link InvalidFields} listing every recorded problem, if any. */
    public void throwIfAny() {
      if (!found.isEmpty()) {
        throw new InvalidFields(found);
      }
    }
  }
}
