package org.rl3spark.jobs.config;

import java.util.List;

/**
 * Thrown when a config is invalid; its message lists every problem found, one per line, each with
 * its key path.
 */
public final class ConfigProblems extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<ConfigProblem> problems;

  /**
   * @param source what was loaded (the config file)
   * @param problems every problem found, at least one
   */
  public ConfigProblems(String source, List<ConfigProblem> problems) {
    super(format(source, problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("ConfigProblems needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** The problems, in the order they were found. */
  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String format(String source, List<ConfigProblem> problems) {
    StringBuilder b = new StringBuilder();
    b.append("invalid config ")
        .append(source)
        .append(": ")
        .append(problems.size())
        .append(problems.size() == 1 ? " problem" : " problems");
    for (ConfigProblem p : problems) {
      b.append(System.lineSeparator()).append("  - ").append(p);
    }
    return b.toString();
  }
}
