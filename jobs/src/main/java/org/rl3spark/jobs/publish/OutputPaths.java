package org.rl3spark.jobs.publish;

import java.util.regex.Pattern;

/**
 * Checks on output paths built from names (family, variant, split): every segment must be a plain
 * name, so a name can never climb out of the output root.
 */
public final class OutputPaths {

  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

  private OutputPaths() {}

  /**
   * Requires every {@code /}-separated segment of a relative path to be a plain name ({@code
   * [A-Za-z0-9_][A-Za-z0-9_.-]*}, not {@code .} or {@code ..}).
   *
   * @return the path
   * @throws IllegalArgumentException otherwise
   */
  public static String requireSafeSegments(String relative) {
    for (String s : relative.split("/", -1)) {
      if (!SEGMENT.matcher(s).matches() || s.equals("..")) {
        throw new IllegalArgumentException(
            "unsafe output path segment '" + s + "' in '" + relative + "'");
      }
    }
    return relative;
  }

  /** {@code root/relative}, after checking {@code relative}. */
  public static String resolve(String root, String relative) {
    requireSafeSegments(relative);
    return root.endsWith("/") ? root + relative : root + "/" + relative;
  }

  /** A path as users read it: local paths without the {@code file:} scheme, others as URIs. */
  public static String display(org.apache.hadoop.fs.Path p) {
    java.net.URI u = p.toUri();
    return "file".equals(u.getScheme()) ? u.getPath() : p.toString();
  }
}
