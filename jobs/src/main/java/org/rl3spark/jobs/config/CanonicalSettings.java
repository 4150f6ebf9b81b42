package org.rl3spark.jobs.config;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The settings a bound record holds, by config key, as canonical text: the form a run's identity
 * and config hash are computed from ({@code jobs.train.RunIdentity}), derived from the record's
 * components rather than listed by hand, so that no setting can be left out of it.
 *
 * <p>Every component is included except those marked {@link Bookkeeping} and those that are null (a
 * {@link Resolved} setting left at its default). A record component contributes its own components,
 * under its key ({@code train.entropy.initial}) or, when {@link Inline}, under the enclosing one
 * ({@code train.envs}). Values are printed as Java prints them ({@code 3.0E-4}, {@code 100}, {@code
 * true}), enum constants in lower case; since the records are validated and resolved, two configs
 * that spell one setting differently ({@code 3e-4}, {@code 0.0003}) give the same text.
 */
public final class CanonicalSettings {

  private CanonicalSettings() {}

  /**
   * The settings of {@code record}, in component order.
   *
   * @param prefix the record's key path, e.g. {@code train}
   */
  public static Map<String, String> of(Record record, String prefix) {
    Map<String, String> out = new LinkedHashMap<>();
    add(record, prefix, List.of(), out);
    return out;
  }

  private static void add(
      Record record, String prefix, List<String> skip, Map<String, String> out) {
    for (RecordComponent c : record.getClass().getRecordComponents()) {
      Bookkeeping bookkeeping = c.getAnnotation(Bookkeeping.class);
      if (skip.contains(c.getName()) || (bookkeeping != null && bookkeeping.value().length == 0)) {
        continue;
      }
      Object value = RecordBinder.get(c, record);
      String key =
          c.isAnnotationPresent(Inline.class)
              ? prefix
              : ProblemSink.join(prefix, RecordBinder.key(c.getName()));
      if (value instanceof Record nested) {
        add(nested, key, bookkeeping == null ? List.of() : Arrays.asList(bookkeeping.value()), out);
      } else if (value instanceof Enum<?> e) {
        out.put(key, e.name().toLowerCase(Locale.ROOT));
      } else if (value != null) {
        out.put(key, String.valueOf(value));
      }
    }
  }
}
