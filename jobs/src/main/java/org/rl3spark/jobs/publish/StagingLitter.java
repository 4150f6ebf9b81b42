package org.rl3spark.jobs.publish;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.rl3spark.jobs.config.Bound;

/**
 * Removes the staging directories that killed runs left beside an output ({@code
 * .<name>.staging-<runId>}, see {@link StagedOutput}); a run of the same output calls it when it
 * starts.
 *
 * <p>A staging directory is litter when its {@link StagingOwner} marker names a process of this
 * host that no longer runs, or when it has no readable marker (a crash between creating it and
 * writing the marker, or a version that wrote none) and nothing in it changed for {@link
 * #UNMARKED_AGE}. Directories of live runs, and of runs on other hosts (which this host cannot
 * check), are kept.
 */
public final class StagingLitter {

  /** How long a staging directory without a marker must be untouched before it is removed. */
  public static final Duration UNMARKED_AGE = Duration.ofHours(24);

  private StagingLitter() {}

  /**
   * Removes the litter beside {@code target}, reporting one line per staging directory: removed
   * (what, how big, why), kept (whose it is), or left because it could not be removed.
   *
   * @return the removed directories
   * @throws IOException if the directory beside the target cannot be listed
   */
  public static List<Path> collect(FileSystem fs, Path target, Consumer<String> report)
      throws IOException {
    List<Path> removed = new ArrayList<>();
    String prefix = "." + target.getName() + ".staging-";
    FileStatus[] siblings;
    try {
      siblings = fs.listStatus(target.getParent());
    } catch (FileNotFoundException e) {
      return removed;
    }
    for (FileStatus s : siblings) {
      if (!s.isDirectory() || !s.getPath().getName().startsWith(prefix)) {
        continue;
      }
      try {
        if (collectOne(fs, s, report)) {
          removed.add(s.getPath());
        }
      } catch (IOException e) {
        // Cleaning up is best effort: litter that cannot be removed does not stop the new run.
        report.accept(
            "could not check or remove staging directory "
                + OutputPaths.display(s.getPath())
                + ": "
                + e.getMessage());
      }
    }
    return removed;
  }

  private static boolean collectOne(FileSystem fs, FileStatus dir, Consumer<String> report)
      throws IOException {
    Path p = dir.getPath();
    Optional<StagingOwner> owner = owner(fs, p);
    Tree tree = tree(fs, dir);
    String why;
    if (owner.isPresent()) {
      StagingOwner o = owner.get();
      switch (o.liveness()) {
        case ALIVE -> {
          report.accept(
              "kept staging directory "
                  + OutputPaths.display(p)
                  + " ("
                  + tree
                  + "): run "
                  + o.runId()
                  + " ("
                  + o.describe()
                  + ") is still writing it");
          return false;
        }
        case UNKNOWN -> {
          report.accept(
              "kept staging directory "
                  + OutputPaths.display(p)
                  + " ("
                  + tree
                  + "): run "
                  + o.runId()
                  + " ran on "
                  + o.host()
                  + ", whose processes this host cannot check; delete it by hand once that run is"
                  + " over");
          return false;
        }
        default -> why = "run " + o.runId() + " (" + o.describe() + ") is no longer running";
      }
    } else {
      Duration age = Duration.between(tree.lastModified(), Instant.now());
      if (age.compareTo(UNMARKED_AGE) < 0) {
        report.accept(
            "kept staging directory "
                + OutputPaths.display(p)
                + " ("
                + tree
                + "): it has no owner marker and was written "
                + hours(age)
                + " ago; it is removed"
                + " once untouched for "
                + UNMARKED_AGE.toHours()
                + " h");
        return false;
      }
      why = "it has no owner marker and was last written " + hours(age) + " ago";
    }
    if (!fs.delete(p, true)) {
      throw new IOException("could not remove the staging directory " + p + " (" + why + ")");
    }
    report.accept(
        "removed staging directory "
            + OutputPaths.display(p)
            + " ("
            + tree
            + ") left"
            + " by a killed run: "
            + why);
    return true;
  }

  private static Optional<StagingOwner> owner(FileSystem fs, Path dir) throws IOException {
    Path marker = new Path(dir, StagingOwner.FILE_NAME);
    if (!HadoopFiles.isFile(fs, marker)) {
      return Optional.empty();
    }
    return StagingOwner.fromJson(HadoopFiles.readText(fs, marker));
  }

  /** Size, file count and newest modification of a directory tree. */
  private record Tree(long bytes, long files, Instant lastModified) {
    @Override
    public String toString() {
      return Bound.bytes(bytes) + " in " + files + (files == 1 ? " file" : " files");
    }
  }

  private static Tree tree(FileSystem fs, FileStatus dir) throws IOException {
    long bytes = 0;
    long files = 0;
    long newest = dir.getModificationTime();
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir.getPath(), true);
    while (it.hasNext()) {
      LocatedFileStatus f = it.next();
      bytes += f.getLen();
      files++;
      newest = Math.max(newest, f.getModificationTime());
    }
    return new Tree(bytes, files, Instant.ofEpochMilli(newest));
  }

  private static String hours(Duration d) {
    return String.format(Locale.ROOT, "%.1f h", d.toMinutes() / 60.0);
  }
}
