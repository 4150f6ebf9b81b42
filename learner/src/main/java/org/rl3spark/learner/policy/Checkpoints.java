package org.rl3spark.learner.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
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
   * The newest checkpoint of a run that verifies, if any; damaged or foreign ones are skipped (a
   * crash during a write leaves only a temporary directory, never a damaged checkpoint, but a
   * damaged copy must not stop a resume from the one before).
   */
  public static Optional<Path> newestValid(Path run) {
    Path dir = run.resolve(DIR);
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
          .sorted(Comparator.comparingLong(Checkpoints::iteration).reversed())
          .filter(p -> {
            try {
              Checkpoint.verify(p);
              return true;
            } catch (Checkpoint.InvalidCheckpointException e) {
              return false;
            }
          })
          .findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
    return newestValid(path).orElseThrow(() -> new IllegalArgumentException(
        path + " is neither a checkpoint nor a training run with a valid checkpoint"));
  }

  /** The policy of a loaded checkpoint, named {@code <algorithm>(run=<run>,it=<iteration>)}. */
  public static LearnedPolicy policy(Checkpoint.Loaded c, boolean greedy) {
    Checkpoint.State s = c.state();
    Algorithm a = Algorithm.parse(s.algorithm());
    InnerEnvFactory inner = s.vamdp() == null ? InnerEnvFactory.rl2() : InnerEnvFactory.rl3(s.vamdp());
    if (a.valueAugmented() != (s.vamdp() != null)) {
      throw new IllegalStateException("checkpoint of " + a.id() + " has "
          + (s.vamdp() == null ? "no" : "") + " VAMDP settings");
    }
    String name = a.id() + "(run=" + s.run() + ",it=" + s.iteration() + (greedy ? ",greedy" : "")
        + ")";
    return new LearnedPolicy(name, c.networks().stepActors(), inner, s.spec().numActions(), greedy);
  }
}
