package org.rl3spark.jobs.ship;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.rl3spark.core.task.TaskFamily;
import org.rl3spark.jobs.BuildInfo;
import org.rl3spark.jobs.config.ConfigLoader;
import org.rl3spark.jobs.config.Rl3Config;
import org.rl3spark.jobs.publish.LocalTrees;
import org.rl3spark.jobs.train.TrainJob;
import org.rl3spark.jobs.train.TrainMetrics;
import org.rl3spark.learner.dl4j.Checkpoint;
import org.rl3spark.learner.policy.Checkpoints;

/**
 * A training run's portable copy, {@code <ship.dir>/<name>/}: its {@code _RUN.json} (settings and
 * their hash), {@code metrics.csv}, its newest valid checkpoint under {@code checkpoints/} (the
 * networks and Adam state: enough to evaluate the agent and to continue training), {@code
 * replay.csv} (see {@link AgentReplay}) and {@code AGENT.json} (one row of the agents table). It
 * has the layout of a run directory, so {@code checkpoint:<dir>} evaluates it and {@code train
 * --resume-from <dir>} continues it on a machine that has no run directory yet.
 */
public final class ShippedRun {

  /** The summary of a shipped agent. */
  public static final String AGENT_FILE = "AGENT.json";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> RUN_FILES = List.of(TrainJob.RUN_FILE, TrainJob.METRICS_CSV);

  private ShippedRun() {}

  /**
   * Copies run {@code run}'s newest valid checkpoint, settings and metrics to {@code dest} with its
   * replay, replacing an earlier copy only once the new one is complete.
   *
   * @return the newest checkpoint's iteration
   */
  public static int ship(
      Path run, Path dest, TaskFamily family, int replayTasks, String command, PrintStream out)
      throws IOException {
    for (String f : RUN_FILES) {
      if (!Files.isRegularFile(run.resolve(f))) {
        throw new IllegalArgumentException(
            "cannot ship "
                + run
                + ": it has no "
                + f
                + " (not a training run, or it has not started)");
      }
    }
    Path ckpt =
        Checkpoints.newestValid(run)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "cannot ship " + run + ": it has no valid checkpoint yet"));
    Checkpoint.State state = Checkpoint.readState(ckpt);
    Path staging = stagingBeside(dest, "staging");
    try {
      Checkpoint.verify(copyRun(run, ckpt, staging));
      AgentReplay.Returns r = AgentReplay.play(staging, family, replayTasks);
      AgentReplay.write(staging.resolve(AgentReplay.FILE), r);
      JsonNode runJson = JSON.readTree(Files.readString(run.resolve(TrainJob.RUN_FILE)));
      JsonNode train = runJson.path("config").path("train");
      ObjectNode agent = JSON.createObjectNode();
      agent.put("run", state.run());
      agent.put("algorithm", state.algorithm());
      agent.put("family", state.family());
      agent.put("variant", state.variant());
      agent.put("horizon", state.spec().horizon());
      agent.put("iteration", state.iteration());
      agent.put(
          "env_steps",
          (long) state.iteration() * train.path("envs").asLong() * state.spec().horizon());
      agent.put("schedule_iterations", train.path("entropy").path("schedule-iterations").asInt());
      agent.put("config_hash", state.configHash());
      agent.put("master_seed", state.masterSeed());
      agent.put("policy", r.policy());
      agent.put("replay_tasks", replayTasks);
      agent.put("replay_mean_return", r.mean());
      agent.put("command", command);
      agent.put("git_commit", BuildInfo.gitCommit());
      agent.put("shipped_at", Instant.now().toString());
      Files.writeString(
          staging.resolve(AGENT_FILE),
          JSON.writerWithDefaultPrettyPrinter().writeValueAsString(agent) + "\n");
      replace(staging, dest);
      out.printf(
          "shipped %s iteration %d to %s (replay mean return over %d test tasks %.3f)%n",
          state.run(), state.iteration(), dest, replayTasks, r.mean());
      return state.iteration();
    } finally {
      if (Files.exists(staging)) {
        LocalTrees.delete(staging);
      }
    }
  }

  /**
   * Prepares run directory {@code run} from the shipped copy {@code shipped} (whose settings the
   * caller has checked): when {@code run} does not exist it becomes a copy (settings, metrics, the
   * checkpoint); when it exists and its newest valid checkpoint is at least as new, nothing
   * changes; an older run directory is refused (it would silently drop the shipped iterations).
   */
  public static void seed(Path shipped, Path run, PrintStream out) throws IOException {
    for (String f : RUN_FILES) {
      if (!Files.isRegularFile(shipped.resolve(f))) {
        throw new IllegalArgumentException(
            "--resume-from "
                + shipped
                + ": no "
                + f
                + " there"
                + " (expected a shipped run: bin/rl3 ship --conf <train config>)");
      }
    }
    Path ckpt =
        Checkpoints.newestValid(shipped)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "--resume-from " + shipped + ": no valid checkpoint there"));
    int shippedIt = Checkpoint.readState(ckpt).iteration();
    if (Files.exists(run.resolve(TrainJob.RUN_FILE))) {
      Optional<Path> local = Checkpoints.newestValid(run);
      long localIt = local.map(Checkpoints::iteration).orElse(0L);
      if (localIt >= shippedIt) {
        out.printf(
            "%s already has iteration %d (the shipped copy %d): resuming from it%n",
            run, localIt, shippedIt);
        return;
      }
      throw new IllegalArgumentException(
          "cannot resume from "
              + shipped
              + " (iteration "
              + shippedIt
              + "): "
              + run
              + " exists with an older checkpoint (iteration "
              + localIt
              + "); move it away to continue from the shipped run, or resume it with --resume");
    }
    Path staging = stagingBeside(run, "seed");
    try {
      copyRun(shipped, ckpt, staging);
      Files.move(staging, run, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      if (Files.exists(staging)) {
        LocalTrees.delete(staging);
      }
    }
    out.printf("seeded %s from %s (iteration %d)%n", run, shipped, shippedIt);
  }

  /** The task family a shipped run was trained on, from the settings in its {@code _RUN.json}. */
  public static TaskFamily family(Path shipped) throws IOException {
    JsonNode resolved =
        JSON.readTree(Files.readString(shipped.resolve(TrainJob.RUN_FILE))).path("config");
    ObjectNode config = JSON.createObjectNode();
    for (String key : List.of("master-seed", "family", "train")) {
      if (resolved.has(key)) {
        config.set(key, resolved.get(key));
      }
    }
    Path tmp = Files.createTempFile("rl3-shipped-", ".conf");
    try {
      Files.writeString(tmp, JSON.writeValueAsString(config));
      Rl3Config c = ConfigLoader.load(tmp, List.of(), null, false).config();
      return c.family().get(c.train().family()).toFamily();
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** A new directory name beside {@code target} (created parents), for a copy to rename. */
  private static Path stagingBeside(Path target, String what) throws IOException {
    Path parent = target.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    return parent.resolve("." + target.getFileName() + "." + what + "-" + UUID.randomUUID());
  }

  /**
   * Copies a run's settings, metrics and checkpoint {@code ckpt} to {@code to}; the copy's path.
   */
  private static Path copyRun(Path from, Path ckpt, Path to) throws IOException {
    Files.createDirectories(to.resolve(Checkpoints.DIR));
    Files.copy(from.resolve(TrainJob.RUN_FILE), to.resolve(TrainJob.RUN_FILE));
    // The metrics up to the checkpoint: a run stopped after it may have logged later iterations,
    // which a resume from the copy recomputes.
    int last = Checkpoint.readState(ckpt).iteration();
    StringBuilder metrics = new StringBuilder(TrainMetrics.csvHeader()).append('\n');
    for (TrainMetrics m : TrainMetrics.read(from.resolve(TrainJob.METRICS_CSV))) {
      if (m.iteration() <= last) {
        metrics.append(m.csv()).append('\n');
      }
    }
    Files.writeString(to.resolve(TrainJob.METRICS_CSV), metrics);
    Path copied = to.resolve(Checkpoints.DIR).resolve(ckpt.getFileName());
    LocalTrees.copy(ckpt, copied);
    return copied;
  }

  private static void replace(Path staging, Path dest) throws IOException {
    if (!Files.exists(dest)) {
      Files.move(staging, dest, StandardCopyOption.ATOMIC_MOVE);
      return;
    }
    Path old = dest.resolveSibling("." + dest.getFileName() + ".previous-" + UUID.randomUUID());
    Files.move(dest, old, StandardCopyOption.ATOMIC_MOVE);
    Files.move(staging, dest, StandardCopyOption.ATOMIC_MOVE);
    LocalTrees.delete(old);
  }
}
