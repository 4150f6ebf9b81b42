package org.rl3spark.jobs.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderClasspath;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigIncluderURL;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseable;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A HOCON includer that keeps configs data-only and local: it refuses {@code include url(...)},
 * {@code include classpath(...)} and any file outside the directory tree of the top-level config
 * file. A missing file is an error whether or not the include says {@code required(...)} (HOCON
 * would silently skip an optional one, and a config that lost half its settings would run); the
 * message names the including file and line. Refusals are recorded as {@link ConfigProblem}s (the
 * include then contributes nothing), so they are reported together with every other problem.
 */
final class SafeIncluder
    implements ConfigIncluder, ConfigIncluderFile, ConfigIncluderURL, ConfigIncluderClasspath {

  private static final Pattern URL_LIKE = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");

  private final Path root;
  private final File top;
  private final List<ConfigProblem> problems;

  /**
   * @param root the directory whose tree may be included from, or null to refuse every include
   * @param problems where refusals are recorded
   */
  SafeIncluder(Path root, List<ConfigProblem> problems) {
    this(root, null, problems);
  }

  /**
   * @param root the directory whose tree may be included from, or null to refuse every include
   * @param top the top-level config file (named in messages about its own includes), or null
   * @param problems where refusals are recorded
   */
  SafeIncluder(Path root, Path top, List<ConfigProblem> problems) {
    this.root = root == null ? null : canonical(root.toFile()).toPath();
    this.top = top == null ? null : canonical(top.toFile());
    this.problems = problems;
  }

  /** The files being parsed, innermost first (a cycle would recurse without end). */
  private final Deque<File> including = new ArrayDeque<>();

  @Override
  public ConfigIncluder withFallback(ConfigIncluder fallback) {
    // No fallback: every kind of include goes through the checks below.
    return this;
  }

  @Override
  public ConfigObject include(ConfigIncludeContext context, String what) {
    if (URL_LIKE.matcher(what).matches() && !new File(what).isAbsolute()) {
      return refuse(
          "include \""
              + what
              + "\": URLs are not allowed in configs (data only, no"
              + " network); copy the settings into a file next to the config");
    }
    ConfigParseable parseable = context.relativeTo(what);
    ConfigOrigin origin = parseable == null ? null : parseable.origin();
    if (origin == null || origin.filename() == null) {
      return refuse(
          "include \"" + what + "\": no such file next to the including config" + where(what));
    }
    return includeFile(context, new File(origin.filename()));
  }

  @Override
  public ConfigObject includeFile(ConfigIncludeContext context, File file) {
    if (root == null) {
      return refuse("include file(\"" + file + "\"): includes are not allowed here");
    }
    File canonical = canonical(file);
    if (!canonical.toPath().startsWith(root)) {
      return refuse(
          "include file(\""
              + file
              + "\"): only files inside "
              + root
              + " (the config file's directory tree) may be included");
    }
    if (!canonical.isFile()) {
      return refuse("include file(\"" + file + "\"): no such file" + where(file.getName()));
    }
    if (including.contains(canonical)) {
      List<String> chain = new ArrayList<>();
      for (java.util.Iterator<File> it = including.descendingIterator(); it.hasNext(); ) {
        chain.add(it.next().getName());
      }
      chain.add(canonical.getName());
      return refuse(
          "include file(\""
              + file
              + "\"): include cycle "
              + String.join(" -> ", chain)
              + "; a config may include a file only once along a chain");
    }
    including.push(canonical);
    try {
      return ConfigFactory.parseFile(canonical, context.parseOptions().setAllowMissing(false))
          .root();
    } catch (ConfigException e) {
      return refuse("include file(\"" + file + "\"): " + e.getMessage());
    } finally {
      including.pop();
    }
  }

  @Override
  public ConfigObject includeURL(ConfigIncludeContext context, URL url) {
    return refuse(
        "include url(\""
            + url
            + "\"): URLs are not allowed in configs (data only, no"
            + " network); copy the settings into a file next to the config");
  }

  @Override
  public ConfigObject includeResources(ConfigIncludeContext context, String what) {
    return refuse(
        "include classpath(\""
            + what
            + "\"): classpath includes are not allowed in"
            + " configs; include a file next to the config instead");
  }

  /**
   * " (in <file>, line <n>)" for the include of {@code what} in the file being parsed, found by
   * reading it (HOCON does not tell an includer where the include statement is); "" if unknown.
   */
  private String where(String what) {
    File in = including.isEmpty() ? top : including.peek();
    if (in == null) {
      return "";
    }
    try {
      List<String> lines = java.nio.file.Files.readAllLines(in.toPath());
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        int inc = line.indexOf("include");
        if (inc >= 0
            && line.indexOf(what, inc) > inc
            && !line.trim().startsWith("#")
            && !line.trim().startsWith("//")) {
          return " (in " + in + ", line " + (i + 1) + ")";
        }
      }
    } catch (IOException | RuntimeException e) {
      // the file name alone
    }
    return " (in " + in + ")";
  }

  private ConfigObject refuse(String message) {
    problems.add(new ConfigProblem(ConfigProblem.FILE, message));
    return empty();
  }

  private static ConfigObject empty() {
    return ConfigFactory.empty().root();
  }

  private static File canonical(File f) {
    try {
      return f.getCanonicalFile();
    } catch (IOException e) {
      return f.getAbsoluteFile();
    }
  }
}
