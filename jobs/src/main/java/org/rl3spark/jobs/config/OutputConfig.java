package org.rl3spark.jobs.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code output} block: where jobs write.
 *
 * @param dir root directory of all outputs: a local path (relative to the current directory) or a
 *     Hadoop URI ({@code hdfs://...}, {@code s3a://...}); normalised (no {@code .} segments, no
 *     repeated separators). It must not be empty, must not be a filesystem root, and must not
 *     contain {@code ..} segments.
 */
public record OutputConfig(String dir) {

  private static final Pattern SCHEME =
      Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*:(?://[^/]*)?)(.*)$");

  /** Validates and normalises the directory. */
  public OutputConfig {
    InvalidFields.Checker check = new InvalidFields.Checker();
    check.require(dir != null && !dir.isBlank(), "dir", "must not be empty");
    if (dir != null && !dir.isBlank()) {
      String prefix = "";
      String path = dir.trim();
      Matcher m = SCHEME.matcher(path);
      // A single letter before ':' is a Windows drive, not a scheme.
      if (m.matches() && m.group(1).length() > 2) {
        prefix = m.group(1);
        path = m.group(2);
      }
      boolean absolute = path.startsWith("/");
      List<String> segments = new ArrayList<>();
      boolean dotDot = false;
      for (String s : path.split("[/\\\\]+")) {
        if (s.equals("..")) {
          dotDot = true;
        } else if (!s.isEmpty() && !s.equals(".")) {
          segments.add(s);
        }
      }
      check.require(
          !dotDot,
          "dir",
          "must not contain '..' segments (got '"
              + dir
              + "'): give the directory without"
              + " climbing out of another one");
      check.require(
          !segments.isEmpty(),
          "dir",
          "must name a directory, not a filesystem root or the current directory (got '"
              + dir
              + "')");
      dir = prefix + (absolute ? "/" : "") + String.join("/", segments);
    }
    check.throwIfAny();
  }
}
