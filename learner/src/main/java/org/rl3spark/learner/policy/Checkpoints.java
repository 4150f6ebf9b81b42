package org.rl3spark.learner.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.rl3spark.core.meta.InnerEnvFactory;
import org.rl3spark.learner.dl4j.Checkpoint;
import org.rl3spark.learner.ppo.Algorithm;

/**
 * Locating checkpoints and turning them into policies. A training run keeps its checkpoints in
 * {@code <run>/checkpoints/ckpt-<iteration>/}.
 */
public final class Checkpoints {

  /** Directory of a run's checkpoints. */
  public static final String DIR = "checkpoints";

  /** Checkpoint directory name pattern. */
  public static final Pattern NAME = Pattern.compile("ckpt-(\\d+)");

  private Checkpoints() {}

  /** The directory of the checkpoint of iteration i in a run. */
  public static Path of(Path run, int iteration) {
    return run.resolve(DIR).resolve(String.format("ckpt-%08d", iteration));
  }

  /**
   * A checkpoint that does not verify.
   *
   * @param dir its directory
   * @param reason the kind of damage, one file-name-safe word ({@link
   *     Checkpoint.InvalidCheckpointException#reason()})
   * @param problem what is wrong
   */
  public record Damaged(Path dir, String reason, String problem) {}

  /**
   * What a run's checkpoints hold: the newest that verifies, if any, and the damaged ones newer
   * than it (skipped, newest first), which a resume or an evaluation must report rather than pass
   * over in silence.
   */
  public record Scan(Optional<Path> newestValid, List<Damaged> skipped) {
    /** Copies the list. */
    public Scan {
      skipped = List.copyOf(skipped);
    }

    /**
     * One line naming what was skipped and why, and what is used instead, e.g. for stderr; empty
     * when nothing was skipped.
     */
    public String describe() {
      if (skipped.isEmpty()) {
        return "";
      }
      StringBuilder b = new StringBuilder();
      for (Damaged d : skipped) {
        b.append(b.length() == 0 ? "" : "; ")
            .append("checkpoint ")
            .append(d.dir())
            .append(" is damaged (")
            .append(d.problem())
            .append(')');
      }
      return b.append(
              newestValid
                  .map(p -> "; using the older " + p.getFileName())
                  .orElse("; no valid checkpoint is left"))
          .toString();
    }
  }

  /**
   * The newest checkpoint of a run that verifies, if any; newer damaged ones are skipped ({@link
   * #scan} says which).
   */
  public static Optional<Path> newestValid(Path run) {
    return scan(run).newestValid();
  }

  /**
   * Verifies a run's checkpoints from the newest down to the first that verifies. A crash during a
   * write leaves only a temporary directory, never a damaged checkpoint, so a damaged one was
   * damaged afterwards (disk, copy, hand): callers report it.
   */
  public static Scan scan(Path run) {
    Path dir = run.resolve(DIR);
    if (!Files.isDirectory(dir)) {
      return new Scan(Optional.empty(), List.of());
    }
    List<Path> newestFirst;
    try (Stream<Path> s = Files.list(dir)) {
      newestFirst =
          s.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
              .sorted(Comparator.comparingLong(Checkpoints::iteration).reversed())
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Damaged> skipped = new ArrayList<>();
    for (Path p : newestFirst) {
      try {
        Checkpoint.verify(p);
        return new Scan(Optional.of(p), skipped);
      } catch (Checkpoint.InvalidCheckpointException e) {
        skipped.add(new Damaged(p, e.reason(), e.problem()));
      }
    }
    return new Scan(Optional.empty(), skipped);
  }

  /** The iteration of a checkpoint directory name. */
  public static long iteration(Path p) {
    Matcher m = NAME.matcher(p.getFileName().toString());
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }

  /**
   * Resolves {@code path} to a checkpoint: a checkpoint directory itself, or a run directory (its
   * newest valid checkpoint).
   */
  public static Path resolve(Path path) {
    if (Files.isRegularFile(path.resolve(Checkpoint.MANIFEST))) {
      return path;
    }
    Scan scan = scan(path);
    return scan.newestValid()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    path
                        + " is neither a checkpoint nor a training run with a valid checkpoint"
                        + (scan.skipped().isEmpty() ? "" : ": " + scan.describe())));
  }

  /** The policy of a loaded checkpoint, named {@code <algorithm>(run=<run>,it=<iteration>)}. */
  public static LearnedPolicy policy(Checkpoint.Loaded c, boolean greedy) {
    Checkpoint.State s = c.state();
    Algorithm a = Algorithm.parse(s.algorithm());
    InnerEnvFactory inner =
        s.vamdp() == null ? InnerEnvFactory.rl2() : InnerEnvFactory.rl3(s.vamdp());
    if (a.valueAugmented() != (s.vamdp() != null)) {
      throw new IllegalStateException(
          "checkpoint of "
              + a.id()
              + " has "
              + (s.vamdp() == null ? "no" : "")
              + " VAMDP settings");
    }
    String name =
        a.id() + "(run=" + s.run() + ",it=" + s.iteration() + (greedy ? ",greedy" : "") + ")";
    return new LearnedPolicy(name, c.networks().stepActors(), inner, s.spec().numActions(), greedy);
  }
}
