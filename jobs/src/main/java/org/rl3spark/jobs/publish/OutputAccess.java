package org.rl3spark.jobs.publish;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a job can write under its output directory, checked before any Spark session exists so
 * that an unwritable {@code --out} is reported at once and with its real cause (permission denied,
 * a read-only file system), not as a missing directory after Spark has started.
 *
 * <p>Only local paths are checked (no scheme, or {@code file:}); Hadoop URIs such as {@code
 * hdfs://} or {@code s3a://} are left to the job. The check creates and deletes one empty file in
 * the output directory, or in its nearest existing ancestor if the directory does not exist yet
 * (the job would create it there): asking the file system is the only way to see what it refuses,
 * since permission bits say nothing about read-only mounts or about root.
 */
public final class OutputAccess {

  private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]+):.*");
  private static final String PROBE_PREFIX = ".rl3-write-probe-";

  private OutputAccess() {}

  /**
   * What keeps the job from writing under {@code dir}, or empty if nothing does (or {@code dir} is
   * not local).
   */
  public static Optional<String> problem(String dir) {
    String local = localPath(dir);
    if (local == null) {
      return Optional.empty();
    }
    Path p;
    try {
      p = Path.of(local).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      return Optional.of("'" + dir + "' is not a valid path: " + e.getReason());
    }
    Path existing = p;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return Optional.of("cannot create " + p + ": no part of it exists");
    }
    String what =
        existing.equals(p)
            ? "cannot write " + p + ": "
            : "cannot create " + p + ": its nearest existing directory, ";
    String after = existing.equals(p) ? "" : ",";
    if (!Files.isDirectory(existing)) {
      return Optional.of(what + existing + after + " is a file, not a directory");
    }
    try {
      Files.delete(Files.createTempFile(existing, PROBE_PREFIX, ""));
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(what + existing + after + " is not writable (" + reason(e) + ")");
    }
  }

  /** The OS's reason, e.g. {@code permission denied} or {@code read-only file system}. */
  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason().toLowerCase(Locale.ROOT);
    }
    return e.toString();
  }

  /** The local path of {@code dir}, or null if it names another file system. */
  private static String localPath(String dir) {
    // A single letter before ':' is a Windows drive, not a scheme: the pattern needs two.
    var m = SCHEME.matcher(dir);
    if (!m.matches()) {
      return dir;
    }
    return m.group(1).equalsIgnoreCase("file")
        ? new org.apache.hadoop.fs.Path(dir).toUri().getPath()
        : null;
  }
}
