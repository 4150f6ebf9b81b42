package org.rl3spark.jobs.ship;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rl3spark.core.rollout.MetaEpisodeRunner;
import org.rl3spark.core.task.Split;
import org.rl3spark.core.task.Task;
import org.rl3spark.core.task.TaskFamily;
import org.rl3spark.learner.dl4j.Checkpoint;
import org.rl3spark.learner.policy.Checkpoints;
import org.rl3spark.learner.policy.LearnedPolicy;

/**
 * A trained agent's return on each of the first n test tasks of its family, meta-episode 0 at the
 * budget it was trained for: what {@code evaluate} reports per task for the same checkpoint with
 * {@code master-seed = 42} (the evaluation configs' seed). The pipeline is deterministic, so a
 * shipped agent's committed returns are reproduced exactly; a change to a network, a wrapper or an
 * observation layout that alters a trained agent's behaviour changes them.
 */
public final class AgentReplay {

  /** The master seed of the replay (that of conf/eval/*). */
  public static final long SEED = 42;

  /** The replay file of a shipped agent. */
  public static final String FILE = "replay.csv";

  private AgentReplay() {}

  /** The policy's name and its per-task returns on test tasks 0 .. n − 1. */
  public record Returns(String policy, int budget, double[] returns) {

    /** Mean return. */
    public double mean() {
      double s = 0;
      for (double r : returns) {
        s += r;
      }
      return s / returns.length;
    }
  }

  /** Plays the checkpoint (or run directory's newest valid checkpoint) on test tasks 0 .. n − 1. */
  public static Returns play(Path checkpointOrRun, TaskFamily family, int n) {
    Checkpoint.Loaded loaded = Checkpoint.read(Checkpoints.resolve(checkpointOrRun));
    LearnedPolicy policy = Checkpoints.policy(loaded, false);
    int budget = loaded.state().spec().horizon();
    MetaEpisodeRunner runner = new MetaEpisodeRunner();
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      Task task = family.generate(Split.TEST, i, SEED);
      out[i] = runner.play(task, policy, budget, SEED, 0).totalReturn();
    }
    return new Returns(policy.name(), budget, out);
  }

  /** Writes the returns as {@code replay.csv}: a comment line, a header, one row per task. */
  public static void write(Path file, Returns r) throws IOException {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "# policy=%s split=test budget=%d master-seed=%d%n",
            r.policy(),
            r.budget(),
            SEED));
    b.append("task_index,return\n");
    for (int i = 0; i < r.returns().length; i++) {
      b.append(i).append(',').append(Double.toString(r.returns()[i])).append('\n');
    }
    Files.writeString(file, b.toString());
  }

  /** Reads a {@code replay.csv}. */
  public static Returns read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    if (lines.size() < 3
        || !lines.get(0).startsWith("# policy=")
        || !lines.get(1).equals("task_index,return")) {
      throw new IOException(
          file
              + ": not a replay file (a '# policy=...' line, the header"
              + " task_index,return, then rows)");
    }
    String head = lines.get(0);
    String policy = head.substring("# policy=".length(), head.indexOf(" split="));
    int budget = Integer.parseInt(head.replaceAll(".* budget=(\\d+).*", "$1"));
    List<Double> values = new ArrayList<>();
    for (int i = 2; i < lines.size(); i++) {
      String[] f = lines.get(i).split(",");
      if (f.length != 2 || Integer.parseInt(f[0]) != i - 2) {
        throw new IOException(file + ":" + (i + 1) + ": expected row " + (i - 2) + ",<return>");
      }
      values.add(Double.parseDouble(f[1]));
    }
    return new Returns(policy, budget, values.stream().mapToDouble(Double::doubleValue).toArray());
  }
}
