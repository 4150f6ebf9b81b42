package org.rl3spark.jobs.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.rl3spark.jobs.BuildInfo;
import org.rl3spark.jobs.JobContext;
import org.rl3spark.jobs.publish.LocalTrees;
import org.rl3spark.jobs.publish.RunInfo;
import org.rl3spark.learner.dl4j.Checkpoint;

/**
 * A training run's directory: {@code _RUN.json} (config hash, resolved config, versions, written
 * first), {@code metrics.csv} (replaced atomically every iteration), {@code metrics/} (Parquet,
 * replaced at every checkpoint), {@code checkpoints/}, {@code trajectories/iteration=<i>/}, {@code
 * quarantine/} (damaged checkpoints a resume moved aside, {@link CheckpointQuarantine}) and, when
 * the run is complete, {@code _MANIFEST.json}.
 */
final class TrainRunDir {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ITERATION = Pattern.compile("iteration=(\\d+)");

  /** The list of damaged checkpoints moved aside, in {@code _RUN.json} and the manifest. */
  static final String QUARANTINED = "quarantined";

  private final Path run;

  TrainRunDir(Path run) {
    this.run = run;
  }

  boolean exists() {
    return Files.exists(run.resolve(TrainJob.RUN_FILE));
  }

  /**
   * Creates the directory and its {@code _RUN.json}; a fork's ({@code forkedFrom} not null) records
   * the parent run, iteration and config hash under {@code forked_from}.
   */
  void create(
      String hash, String identity, String resolvedJson, RunInfo info, Checkpoint.State forkedFrom)
      throws IOException {
    Files.createDirectories(run);
    ObjectNode root = JSON.createObjectNode();
    root.put("job", TrainJob.NAME);
    root.put("run_id", info.runId());
    root.put("start_time", info.startTime().toString());
    root.put("config_hash", hash);
    root.put("identity", identity);
    root.put("git_commit", BuildInfo.gitCommit());
    root.put("project_version", BuildInfo.projectVersion());
    root.put("java", System.getProperty("java.version"));
    if (forkedFrom != null) {
      ObjectNode parent = root.putObject("forked_from");
      parent.put("run", forkedFrom.run());
      parent.put("iteration", forkedFrom.iteration());
      parent.put("config_hash", forkedFrom.configHash());
      parent.put("master_seed", forkedFrom.masterSeed());
    }
    root.set("config", JSON.readTree(resolvedJson));
    writeAtomically(
        run.resolve(TrainJob.RUN_FILE),
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
  }

  /**
   * Appends the checkpoints a resume moved aside to {@code _RUN.json}'s {@code quarantined} list
   * (each with where it was and is, why, when and by which run id); {@link #writeManifest} copies
   * the list into the run's manifest.
   */
  void recordQuarantined(List<CheckpointQuarantine.Moved> moved, RunInfo info) throws IOException {
    if (moved.isEmpty()) {
      return;
    }
    Path file = run.resolve(TrainJob.RUN_FILE);
    ObjectNode root = (ObjectNode) JSON.readTree(Files.readString(file));
    com.fasterxml.jackson.databind.node.ArrayNode list =
        root.has(QUARANTINED)
            ? (com.fasterxml.jackson.databind.node.ArrayNode) root.get(QUARANTINED)
            : root.putArray(QUARANTINED);
    for (CheckpointQuarantine.Moved m : moved) {
      ObjectNode n = list.addObject();
      n.put("checkpoint", run.relativize(m.from()).toString());
      n.put("moved_to", run.relativize(m.to()).toString());
      n.put("reason", m.reason());
      n.put("problem", m.problem());
      n.put("run_id", info.runId());
      n.put("time", java.time.Instant.now().toString());
    }
    writeAtomically(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
  }

  /** Fails unless the run was started with the same settings. */
  void requireHash(String hash, String identity) throws IOException {
    var root = JSON.readTree(Files.readString(run.resolve(TrainJob.RUN_FILE)));
    String was = root.path("config_hash").asText("");
    if (!was.equals(hash)) {
      String wasIdentity = root.path("identity").asText("");
      String diff =
          wasIdentity.isEmpty()
              ? ""
              : "; differing settings (then -> now): " + differences(wasIdentity, identity);
      throw new IllegalArgumentException(
          "cannot resume "
              + run
              + ": it was started with other"
              + " training settings (config hash "
              + was
              + ", now "
              + hash
              + ")"
              + diff
              + "; resume with the same config, or choose another train.name");
    }
  }

  /**
   * The settings in which two identity texts ({@link TrainJob#identity}) differ, as {@code "<config
   * key>: then -> now"}, e.g. {@code train.learning-rate: 3.0E-4 -> 0.001}. The identity text is
   * hashed into every run's settings hash and so never changes; only this rendering names its
   * tokens by their config keys.
   */
  static String differences(String then, String now) {
    java.util.Map<String, String> a = settings(then);
    java.util.Map<String, String> b = settings(now);
    java.util.Set<String> keys = new java.util.LinkedHashSet<>(a.keySet());
    keys.addAll(b.keySet());
    List<String> out = new ArrayList<>();
    for (String k : keys) {
      if (!java.util.Objects.equals(a.get(k), b.get(k))) {
        out.add(k + ": " + a.getOrDefault(k, "(none)") + " -> " + b.getOrDefault(k, "(none)"));
      }
    }
    return out.isEmpty() ? "(none visible)" : String.join(", ", out);
  }

  /** The identity's tokens by config key: the train settings, the master seed, the family's. */
  private static java.util.Map<String, String> settings(String identity) {
    int seed = identity.lastIndexOf(" seed=");
    String train = seed < 0 ? identity : identity.substring(0, seed);
    java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
    tokens(train).forEach((k, v) -> m.put(IDENTITY_KEYS.getOrDefault(k, k), v));
    if (seed >= 0) {
      String rest = identity.substring(seed + " seed=".length());
      int family = rest.indexOf(" family=");
      m.put("master-seed", family < 0 ? rest : rest.substring(0, family));
      if (family >= 0) {
        String name = m.getOrDefault("train.family", "<family>");
        m.put("family." + name, rest.substring(family + " family=".length()));
      }
    }
    return m;
  }

  /** The config key of each v1 name of the identity ({@link RunIdentity#V1}). */
  private static final java.util.Map<String, String> IDENTITY_KEYS = new java.util.HashMap<>();

  static {
    RunIdentity.V1.forEach((key, name) -> IDENTITY_KEYS.put(name, key));
  }

  private static java.util.Map<String, String> tokens(String identity) {
    java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
    String key = null;
    for (String tok : identity.split(" ")) {
      int eq = tok.indexOf('=');
      if (eq > 0 && tok.substring(0, eq).matches("[A-Za-z][A-Za-z0-9_.-]*")) {
        key = tok.substring(0, eq);
        m.merge(key, tok.substring(eq + 1), (x, y) -> x + " " + y);
      } else if (key != null) {
        m.merge(key, tok, (x, y) -> x + " " + y);
      }
    }
    return m;
  }

  /** The metrics rows of iterations 1 .. last (rows after a checkpoint are recomputed). */
  List<TrainMetrics> metricsUpTo(int last) throws IOException {
    Path csv = run.resolve(TrainJob.METRICS_CSV);
    List<TrainMetrics> out = new ArrayList<>();
    if (Files.exists(csv)) {
      for (TrainMetrics m : TrainMetrics.read(csv)) {
        if (m.iteration() <= last) {
          out.add(m);
        }
      }
    }
    if (out.size() != last) {
      throw new IllegalStateException(
          run.resolve(TrainJob.METRICS_CSV)
              + " has "
              + out.size()
              + " rows up to iteration "
              + last
              + ", expected "
              + last);
    }
    return out;
  }

  Path trajectories(int iteration) {
    return run.resolve(TrainJob.TRAJECTORIES).resolve("iteration=" + iteration);
  }

  void writeMetricsCsv(List<TrainMetrics> rows) throws IOException {
    StringBuilder b = new StringBuilder(TrainMetrics.csvHeader()).append('\n');
    rows.forEach(m -> b.append(m.csv()).append('\n'));
    writeAtomically(run.resolve(TrainJob.METRICS_CSV), b.toString());
  }

  /** Replaces {@code metrics/} by a complete new copy (written beside it, then swapped). */
  void writeMetricsParquet(SparkSession spark, List<TrainMetrics> rows) throws IOException {
    Path tmp = run.resolve(".metrics-" + UUID.randomUUID());
    spark
        .createDataFrame(rows.stream().map(TrainMetrics::toRow).toList(), TrainMetrics.SCHEMA)
        .coalesce(1)
        .write()
        .mode(SaveMode.ErrorIfExists)
        .parquet(tmp.toString());
    Path target = run.resolve(TrainJob.METRICS_DIR);
    Path old = run.resolve(".metrics-old-" + UUID.randomUUID());
    if (Files.exists(target)) {
      Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    deleteTree(old);
  }

  /** Deletes trajectories of iterations ≤ current − keep (keep −1: none). */
  void retainTrajectories(int current, int keep) throws IOException {
    Path dir = run.resolve(TrainJob.TRAJECTORIES);
    if (keep < 0 || !Files.isDirectory(dir)) {
      return;
    }
    List<Path> old = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.forEach(
          p -> {
            Matcher m = ITERATION.matcher(p.getFileName().toString());
            if (m.matches() && Integer.parseInt(m.group(1)) <= current - keep) {
              old.add(p);
            }
          });
    }
    for (Path p : old) {
      deleteTree(p);
    }
  }

  /** The manifest of the finished run: the metrics rows and the files. */
  void writeManifest(JobContext ctx, String hash, List<TrainMetrics> metrics) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("job", TrainJob.NAME);
    root.put("run_id", ctx.run().runId());
    root.put("master_seed", ctx.config().masterSeed());
    root.put("config_hash", hash);
    root.put("identity", TrainJob.identity(ctx.config()));
    root.put("git_commit", BuildInfo.gitCommit());
    root.put("project_version", BuildInfo.projectVersion());
    root.put("java", System.getProperty("java.version"));
    root.put("spark", ctx.spark().version());
    root.put("end_time", java.time.Instant.now().toString());
    root.put("iterations", metrics.size());
    var started = JSON.readTree(Files.readString(run.resolve(TrainJob.RUN_FILE)));
    root.set(
        QUARANTINED, started.has(QUARANTINED) ? started.get(QUARANTINED) : JSON.createArrayNode());
    root.set("config", JSON.readTree(ctx.loaded().resolvedJson()));
    writeAtomically(
        run.resolve("_MANIFEST.json"),
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
  }

  static void writeAtomically(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + "-" + UUID.randomUUID());
    Files.writeString(tmp, text);
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  void deleteTree(Path p) throws IOException {
    LocalTrees.delete(p);
  }
}
