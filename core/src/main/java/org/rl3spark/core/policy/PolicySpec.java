package org.rl3spark.core.policy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A parsed policy name with hyperparameters: {@code name} or {@code name(key=value, ...)}.
 *
 * <p>Values may list alternatives separated by {@code |}, e.g. {@code ucb1_rl2(c=0|0.1|0.2)};
 * {@link #expand()} turns such a spec into one spec per combination (a hyperparameter sweep).
 *
 * @param name the policy's name (lower case, digits and underscores)
 * @param params hyperparameters in the order given
 */
public record PolicySpec(String name, Map<String, String> params) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern SPEC =
      Pattern.compile("\\s*([a-z][a-z0-9_]*)\\s*(\\(([^()]*)\\))?\\s*");

  /** Validates and copies. */
  public PolicySpec {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "policy name '" + name + "' must be lower case letters, digits and underscores");
    }
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /**
   * Parses {@code name} or {@code name(k=v, ...)}.
   *
   * @throws IllegalArgumentException naming what is malformed
   */
  public static PolicySpec parse(String text) {
    var m = SPEC.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "malformed policy '" + text + "': expected name or name(key=value, ...)");
    }
    Map<String, String> params = new LinkedHashMap<>();
    String body = m.group(3);
    if (body != null && !body.isBlank()) {
      for (String part : body.split(",", -1)) {
        int eq = part.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException(
              "malformed parameter '"
                  + part.trim()
                  + "' in policy '"
                  + text
                  + "': expected key=value");
        }
        String key = part.substring(0, eq).trim();
        String value = part.substring(eq + 1).trim();
        if (!NAME.matcher(key).matches()
            || value.isEmpty()
            || value.contains("=")
            || hasEmptyAlternative(value)) {
          throw new IllegalArgumentException(
              "malformed parameter '" + part.trim() + "' in policy '" + text + "'");
        }
        if (params.put(key, value) != null) {
          throw new IllegalArgumentException(
              "parameter '" + key + "' given twice in '" + text + "'");
        }
      }
    }
    return new PolicySpec(m.group(1), params);
  }

  private static boolean hasEmptyAlternative(String value) {
    for (String alt : value.split("\\|", -1)) {
      if (alt.isBlank()) {
        return true;
      }
    }
    return false;
  }

  /** One spec per combination of the {@code |}-separated alternatives, in order. */
  public List<PolicySpec> expand() {
    List<Map<String, String>> combos = new ArrayList<>();
    combos.add(new LinkedHashMap<>());
    for (var e : params.entrySet()) {
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> c : combos) {
        for (String alt : e.getValue().split("\\|")) {
          Map<String, String> copy = new LinkedHashMap<>(c);
          copy.put(e.getKey(), alt.trim());
          next.add(copy);
        }
      }
      combos = next;
    }
    List<PolicySpec> out = new ArrayList<>();
    for (Map<String, String> c : combos) {
      out.add(new PolicySpec(name, c));
    }
    return out;
  }

  /** A double parameter, or the default if absent. */
  public double getDouble(String key, double defaultValue) {
    String v = params.get(key);
    if (v == null) {
      return defaultValue;
    }
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "parameter " + key + "=" + v + " of policy " + name + " is not a number");
    }
  }

  /** An int parameter, or the default if absent. */
  public int getInt(String key, int defaultValue) {
    String v = params.get(key);
    if (v == null) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "parameter " + key + "=" + v + " of policy " + name + " is not an integer");
    }
  }

  /** Formats a number the way canonical policy names show it (shortest exact decimal). */
  public static String format(double x) {
    if (x == Math.rint(x) && Math.abs(x) < 1e15) {
      return Long.toString((long) x);
    }
    return BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
  }

  @Override
  public String toString() {
    if (params.isEmpty()) {
      return name;
    }
    StringBuilder b = new StringBuilder(name).append('(');
    boolean first = true;
    for (var e : params.entrySet()) {
      if (!first) {
        b.append(',');
      }
      b.append(e.getKey()).append('=').append(e.getValue());
      first = false;
    }
    return b.append(')').toString();
  }
}
