package org.rl3spark.jobs.train;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.rl3spark.learner.policy.Checkpoints;

/**
 * Damaged checkpoints of a run, moved aside before a resume could write a new checkpoint under
 * their name: {@code <run>/quarantine/<checkpoint>-<reason>} (e.g. {@code
 * quarantine/ckpt-00000004-truncated}; {@code -2}, {@code -3}, ... when that name is taken). A
 * quarantined checkpoint is never overwritten or deleted: it is kept for whoever wants to know what
 * damaged it.
 */
final class CheckpointQuarantine {

  /** The folder beside a run's {@code checkpoints/}. */
  static final String DIR = "quarantine";

  /**
   * One checkpoint moved aside.
   *
   * @param from where it was
   * @param to where it is now
   * @param reason the kind of damage (one word)
   * @param problem what is wrong with it
   */
  record Moved(Path from, Path to, String reason, String problem) {}

  private CheckpointQuarantine() {}

  /** Moves each damaged checkpoint of {@code run} into its quarantine folder. */
  static List<Moved> moveAside(Path run, List<Checkpoints.Damaged> damaged) throws IOException {
    List<Moved> moved = new ArrayList<>();
    if (damaged.isEmpty()) {
      return moved;
    }
    Path dir = Files.createDirectories(run.resolve(DIR));
    for (Checkpoints.Damaged d : damaged) {
      String base = d.dir().getFileName() + "-" + d.reason();
      Path to = dir.resolve(base);
      for (int n = 2; Files.exists(to); n++) {
        to = dir.resolve(base + "-" + n);
      }
      try {
        Files.move(d.dir(), to, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(d.dir(), to);
      }
      moved.add(new Moved(d.dir(), to, d.reason(), d.problem()));
    }
    return moved;
  }
}
