package org.rl3spark.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An {@link IllegalArgumentException} from a settings record's constructor that names every
 * offending component by its config key: the component's name in kebab-case ({@code klTarget} is
 * {@code kl-target}), or a path below it for a nested record ({@code fork.iteration}). A config
 * loader reports each at its full key path; other callers see one message listing them all.
 */
public class InvalidSettings extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final transient List<Map.Entry<String, String>> fields;

  /**
   * @param fields the problems as (key relative to the record, message), at least one
   */
  protected InvalidSettings(List<Map.Entry<String, String>> fields) {
    super(describe(fields));
    this.fields = List.copyOf(fields);
  }

  /** The problems as (key relative to the record, message). */
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

  /** Collects the problems of one record and throws them together. */
  public static class Checker {
    private final List<Map.Entry<String, String>> found = new ArrayList<>();

    /** Records a problem with {@code key} unless {@code ok}. */
    public Checker require(boolean ok, String key, String message) {
      if (!ok) {
        found.add(Map.entry(key, message));
      }
      return this;
    }

    /** Throws an {@link InvalidSettings} listing every recorded problem, if any. */
    public void throwIfAny() {
      if (!found.isEmpty()) {
        throw invalid(found);
      }
    }

    /** The exception {@link #throwIfAny} throws. */
    protected InvalidSettings invalid(List<Map.Entry<String, String>> problems) {
      return new InvalidSettings(problems);
    }
  }
}
