package org.rl3spark.jobs.publish;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An output directory being written: the job writes into {@link #staging()}, then {@link #publish}
 * adds the manifest and moves it into place; {@link #abort} deletes it.
 *
 * <p>Layout beside the target {@code <parent>/<name>}: the staging directory {@code
 * .<name>.staging-<runId>} and, for the instant of a switch-over, {@code .<name>.previous-<runId>}.
 * Publishing renames an existing target aside, renames staging into place and then deletes the
 * previous result, so at every instant either the old or the new complete result is at the target
 * or beside it; {@link #begin} restores a previous result that a crash left aside.
 *
 * <p>{@link #begin} creates the staging directory with a {@link StagingOwner} marker (this
 * process's pid, host and start time), which {@link #publish} removes; before that it removes the
 * staging directories of killed runs of the same output ({@link StagingLitter}), reporting each.
 */
public final class StagedOutput {

  private static final Logger LOG = LoggerFactory.getLogger(StagedOutput.class);

  private final FileSystem fs;
  private final Path target;
  private final Path staging;
  private final String runId;

  private StagedOutput(FileSystem fs, Path target, Path staging, String runId) {
    this.fs = fs;
    this.target = target;
    this.staging = staging;
    this.runId = runId;
  }

  /**
   * Prepares to write {@code target}, logging what it cleans up (see {@link #begin(String, String,
   * Configuration, Consumer)}).
   */
  public static StagedOutput begin(String target, String runId, Configuration conf)
      throws IOException {
    return begin(target, runId, conf, LOG::warn);
  }

  /**
   * Prepares to write {@code target}: restores a previous result left aside by a crash, removes the
   * staging directories of runs that are no longer alive, and creates the staging directory with
   * its owner marker (writers such as Spark write into subdirectories of it).
   *
   * @param target the directory to publish
   * @param runId the run's id (names the staging directory)
   * @param conf Hadoop configuration (file systems)
   * @param report where a line goes for each staging directory removed (what, how big, why) or kept
   */
  public static StagedOutput begin(
      String target, String runId, Configuration conf, Consumer<String> report) throws IOException {
    Path t = new Path(target);
    FileSystem fs = HadoopFiles.fs(t, conf);
    t = fs.makeQualified(t);
    Path parent = t.getParent();
    if (parent == null) {
      throw new IOException("cannot publish a filesystem root: " + t);
    }
    fs.mkdirs(parent);
    restorePrevious(fs, t);
    StagingLitter.collect(fs, t, report);
    Path staging = new Path(parent, "." + t.getName() + ".staging-" + runId);
    if (fs.exists(staging)) {
      throw new IOException("staging directory already exists: " + staging);
    }
    if (!fs.mkdirs(staging)) {
      throw new IOException("could not create the staging directory " + staging);
    }
    HadoopFiles.writeText(
        fs, new Path(staging, StagingOwner.FILE_NAME), StagingOwner.current(runId).toJson());
    return new StagedOutput(fs, t, staging, runId);
  }

  /** Where the job writes: a directory holding only the owner marker until the job writes. */
  public Path staging() {
    return staging;
  }

  /** Where the output is published. */
  public Path target() {
    return target;
  }

  /** The file system of both. */
  public FileSystem fileSystem() {
    return fs;
  }

  /**
   * Removes the owner marker, writes the manifest into the staging directory, then moves it into
   * place.
   */
  public void publish(Manifest manifest) throws IOException {
    Path marker = new Path(staging, StagingOwner.FILE_NAME);
    if (!HadoopFiles.isDirectory(fs, staging)) {
      throw new IOException("nothing to publish: " + staging + " does not exist");
    }
    if (fs.listStatus(staging).length <= (HadoopFiles.isFile(fs, marker) ? 1 : 0)) {
      throw new IOException("nothing to publish: " + staging + " is empty");
    }
    fs.delete(marker, false);
    HadoopFiles.writeText(fs, new Path(staging, Manifest.FILE_NAME), manifest.toJson());
    Path previous = null;
    if (fs.exists(target)) {
      previous = previousPath(target, runId);
      rename(target, previous);
    }
    try {
      rename(staging, target);
    } catch (IOException e) {
      if (previous != null && !fs.exists(target)) {
        rename(previous, target);
      }
      throw e;
    }
    for (Path stale : siblings(fs, target, ".previous-")) {
      fs.delete(stale, true);
    }
  }

  /** Deletes the staging directory (after a failure); the published result is untouched. */
  public void abort() {
    try {
      if (fs.exists(staging) && !fs.delete(staging, true)) {
        LOG.warn("could not delete staging directory {}", staging);
      }
    } catch (IOException e) {
      LOG.warn("could not delete staging directory {}: {}", staging, e.toString());
    }
  }

  /** If the target is missing but a previous result was left aside, moves the newest back. */
  static void restorePrevious(FileSystem fs, Path target) throws IOException {
    if (fs.exists(target)) {
      return;
    }
    List<Path> previous = siblings(fs, target, ".previous-");
    if (previous.isEmpty()) {
      return;
    }
    List<FileStatus> statuses = new ArrayList<>();
    for (Path p : previous) {
      statuses.add(fs.getFileStatus(p));
    }
    statuses.sort(Comparator.comparingLong(FileStatus::getModificationTime).reversed());
    Path newest = statuses.get(0).getPath();
    LOG.warn(
        "{} is missing but {} was left aside by an interrupted publish: restoring it",
        target,
        newest);
    if (!fs.rename(newest, target)) {
      throw new IOException("could not restore " + newest + " to " + target);
    }
  }

  private static List<Path> siblings(FileSystem fs, Path target, String kind) throws IOException {
    List<Path> out = new ArrayList<>();
    String prefix = "." + target.getName() + kind;
    for (FileStatus s : fs.listStatus(target.getParent())) {
      if (s.isDirectory() && s.getPath().getName().startsWith(prefix)) {
        out.add(s.getPath());
      }
    }
    return out;
  }

  private static Path previousPath(Path target, String runId) {
    return new Path(target.getParent(), "." + target.getName() + ".previous-" + runId);
  }

  private void rename(Path from, Path to) throws IOException {
    if (fs.exists(to)) {
      throw new IOException("cannot rename " + from + " to " + to + ": the destination exists");
    }
    if (!fs.rename(from, to)) {
      throw new IOException("could not rename " + from + " to " + to);
    }
  }
}
