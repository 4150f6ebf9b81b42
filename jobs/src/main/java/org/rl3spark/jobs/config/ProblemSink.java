package org.rl3spark.jobs.config;

import java.util.ArrayList;
import java.util.List;
import org.rl3spark.core.config.InvalidSettings;

/**
 * Collects {@link ConfigProblem}s, dropping follow-up problems of a path that already has one (e.g.
 * {@code tasks.count} after {@code tasks} was reported as not being a block).
 */
final class ProblemSink {

  private final List<ConfigProblem> problems;

  ProblemSink(List<ConfigProblem> problems) {
    this.problems = problems;
  }

  /** Records a problem unless {@code path} or one of its ancestors already has one. */
  void add(String path, String message) {
    if (!isReported(path)) {
      problems.add(new ConfigProblem(path, message));
    }
  }

  /** Whether {@code path} or an ancestor of it already has a problem. */
  boolean isReported(String path) {
    for (ConfigProblem p : problems) {
      String q = p.path();
      if (path.equals(q) || path.startsWith(q + ".") || path.startsWith(q + "[")) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code path}, an ancestor or a descendant of it already has a problem. */
  boolean touches(String path) {
    if (isReported(path)) {
      return true;
    }
    for (ConfigProblem p : problems) {
      String q = p.path();
      if (q.startsWith(path + ".") || q.startsWith(path + "[")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Records the problems of an {@link IllegalArgumentException} from a record of block {@code
   * path}: each of an {@link InvalidSettings} at its own key, any other at {@code path}.
   */
  void addInvalid(String path, IllegalArgumentException e) {
    if (e instanceof InvalidSettings f) {
      f.fields().forEach(kv -> add(join(path, kv.getKey()), kv.getValue()));
    } else {
      add(path, e.getMessage());
    }
  }

  List<ConfigProblem> all() {
    return problems;
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  int size() {
    return problems.size();
  }

  /** Copy of the problems so far. */
  List<ConfigProblem> snapshot() {
    return new ArrayList<>(problems);
  }

  static String join(String prefix, String key) {
    return prefix.isEmpty() ? key : key.isEmpty() ? prefix : prefix + "." + key;
  }
}
