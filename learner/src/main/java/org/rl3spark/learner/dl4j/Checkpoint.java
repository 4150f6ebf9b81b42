package org.rl3spark.learner.dl4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;
import org.rl3spark.core.vamdp.QSource;
import org.rl3spark.core.vamdp.VamdpConfig;
import org.rl3spark.learner.net.Architecture;
import org.rl3spark.learner.net.NetworkSpec;

/**
 * Training checkpoints: both networks' configurations (JSON), parameters and Adam state (raw
 * little-endian float32), and the training state (iteration, master seed, config hash, spec), with
 * a manifest {@value #MANIFEST} holding the SHA-256 and size of every file.
 *
 * <p>Loading never uses Java deserialization (DL4J's {@code ModelSerializer} does, and a crafted
 * model file can run code): a directory is accepted only if it holds exactly the expected files and
 * every checksum matches; anything else is refused with a message before any array or graph is
 * built. Writing goes to a sibling temporary directory that is renamed into place when complete, so
 * a crash never leaves a half-written checkpoint under the final name. Random streams need no saved
 * state: every seed of an iteration derives from (master seed, iteration).
 */
public final class Checkpoint {

  /** The manifest file. */
  public static final String MANIFEST = "_CHECKPOINT.json";

  /** Format tag in the manifest. */
  public static final String FORMAT = "rl3-checkpoint/1";

  /** The data files of a checkpoint. */
  public static final Set<String> FILES =
      Set.of(
          "actor.json",
          "actor.params",
          "actor.updater",
          "critic.json",
          "critic.params",
          "critic.updater",
          "state.json");

  private static final ObjectMapper JSON = new ObjectMapper();

  private Checkpoint() {}

  /**
   * What a checkpoint records besides the networks.
   *
   * @param iteration the last completed PPO iteration
   * @param masterSeed the run's master seed
   * @param configHash hash of the training configuration (a resume must use the same)
   * @param spec the networks' spec
   * @param algorithm the algorithm's name (rl2, rl3, ...)
   * @param run the training run's name
   * @param family the task family trained on
   * @param variant its variant
   * @param vamdp the VAMDP settings of the observations (null for RL²)
   */
  public record State(
      int iteration,
      long masterSeed,
      String configHash,
      NetworkSpec spec,
      String algorithm,
      String run,
      String family,
      String variant,
      VamdpConfig vamdp) {}

  /** A loaded checkpoint. */
  public record Loaded(State state, ActorCritic networks) {}

  /** Thrown when a directory is not a checkpoint this pipeline wrote, or is damaged. */
  public static final class InvalidCheckpointException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String problem;
    private final String reason;

    InvalidCheckpointException(Path dir, String reason, String problem) {
      super("refusing checkpoint " + dir + ": " + problem);
      this.problem = problem;
      this.reason = reason;
    }

    /** What is wrong, without the directory (e.g. "actor.params does not match its SHA-256"). */
    public String problem() {
      return problem;
    }

    /**
     * The kind of damage as a short file-name-safe word: {@code missing}, {@code no-manifest},
     * {@code unexpected-files}, {@code missing-files}, {@code bad-manifest}, {@code
     * unknown-format}, {@code truncated}, {@code checksum}, {@code unreadable} or {@code
     * unloadable}.
     */
    public String reason() {
      return reason;
    }
  }

  /**
   * Writes a checkpoint to {@code dir} (which must not exist) atomically.
   *
   * @throws IllegalStateException if a parameter or optimizer value is not finite
   */
  public static void write(Path dir, ActorCritic ac, State state) throws IOException {
    if (Files.exists(dir)) {
      throw new IOException("checkpoint " + dir + " already exists");
    }
    Path tmp =
        dir.resolveSibling("." + dir.getFileName() + ".tmp-" + ProcessHandle.current().pid());
    deleteRecursively(tmp);
    Files.createDirectories(tmp);
    try {
      writeGraph(tmp, "actor", ac.actor());
      writeGraph(tmp, "critic", ac.critic());
      Files.writeString(tmp.resolve("state.json"), stateJson(state));
      ObjectNode m = JSON.createObjectNode();
      m.put("format", FORMAT);
      ObjectNode files = m.putObject("files");
      for (String f : new TreeSet<>(FILES)) {
        ObjectNode e = files.putObject(f);
        e.put("sha256", sha256(tmp.resolve(f)));
        e.put("bytes", Files.size(tmp.resolve(f)));
      }
      Files.writeString(
          tmp.resolve(MANIFEST), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(m));
      try {
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, dir);
      }
    } catch (IOException | RuntimeException e) {
      deleteRecursively(tmp);
      throw e;
    }
  }

  /**
   * Verifies and loads a checkpoint.
   *
   * @throws InvalidCheckpointException if it is not a complete checkpoint written by this pipeline
   */
  public static Loaded read(Path dir) {
    verify(dir);
    try {
      State state = parseState(Files.readString(dir.resolve("state.json")));
      ComputationGraph actor = readGraph(dir, "actor");
      ComputationGraph critic = readGraph(dir, "critic");
      return new Loaded(state, ActorCritic.of(state.spec(), actor, critic));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw new InvalidCheckpointException(
          dir, "unloadable", "cannot be loaded: " + e.getMessage());
    }
  }

  /**
   * Verifies a checkpoint and reads its state (not its networks).
   *
   * @throws InvalidCheckpointException if it is not a complete checkpoint written by this pipeline
   */
  public static State readState(Path dir) {
    verify(dir);
    try {
      return parseState(Files.readString(dir.resolve("state.json")));
    } catch (IOException | RuntimeException e) {
      throw new InvalidCheckpointException(dir, "unreadable", "cannot be read: " + e.getMessage());
    }
  }

  /**
   * Checks that {@code dir} holds exactly a manifest and the expected files, with matching sizes
   * and checksums, without reading any of them as data.
   */
  public static void verify(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new InvalidCheckpointException(dir, "missing", "no such directory");
    }
    Path manifest = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(manifest)) {
      throw new InvalidCheckpointException(
          dir,
          "no-manifest",
          "no " + MANIFEST + ": not a checkpoint written by rl3 (or an interrupted write)");
    }
    try {
      Set<String> present = new TreeSet<>();
      try (Stream<Path> s = Files.list(dir)) {
        s.forEach(p -> present.add(p.getFileName().toString()));
      }
      present.remove(MANIFEST);
      Set<String> extra = new TreeSet<>(present);
      extra.removeAll(FILES);
      if (!extra.isEmpty()) {
        throw new InvalidCheckpointException(dir, "unexpected-files", "unexpected files " + extra);
      }
      Set<String> missing = new TreeSet<>(FILES);
      missing.removeAll(present);
      if (!missing.isEmpty()) {
        throw new InvalidCheckpointException(dir, "missing-files", "missing files " + missing);
      }
      JsonNode m;
      try {
        m = JSON.readTree(Files.readString(manifest));
      } catch (IOException e) {
        throw new InvalidCheckpointException(dir, "bad-manifest", MANIFEST + " is not valid JSON");
      }
      if (!FORMAT.equals(m.path("format").asText())) {
        throw new InvalidCheckpointException(
            dir,
            "unknown-format",
            "unknown format '" + m.path("format").asText() + "', expected " + FORMAT);
      }
      for (String f : FILES) {
        JsonNode e = m.path("files").path(f);
        Path p = dir.resolve(f);
        if (e.isMissingNode()) {
          throw new InvalidCheckpointException(
              dir, "bad-manifest", MANIFEST + " does not list " + f);
        }
        if (Files.size(p) != e.path("bytes").asLong(-1)) {
          throw new InvalidCheckpointException(
              dir,
              "truncated",
              f
                  + " has "
                  + Files.size(p)
                  + " bytes, the manifest says "
                  + e.path("bytes").asLong()
                  + " (truncated?)");
        }
        if (!sha256(p).equals(e.path("sha256").asText())) {
          throw new InvalidCheckpointException(dir, "checksum", f + " does not match its SHA-256");
        }
      }
    } catch (IOException e) {
      throw new InvalidCheckpointException(dir, "unreadable", "cannot read: " + e.getMessage());
    }
  }

  private static void writeGraph(Path dir, String name, ComputationGraph g) throws IOException {
    ComputationGraphConfiguration conf = g.getConfiguration();
    Files.writeString(dir.resolve(name + ".json"), conf.toJson());
    INDArray params = g.params();
    requireFinite(params, name + " parameters");
    Files.write(dir.resolve(name + ".params"), bytes(params));
    INDArray state = g.getUpdater().getStateViewArray();
    if (state != null) {
      requireFinite(state, name + " optimizer state");
    }
    Files.write(dir.resolve(name + ".updater"), state == null ? new byte[0] : bytes(state));
  }

  private static ComputationGraph readGraph(Path dir, String name) throws IOException {
    ComputationGraphConfiguration conf =
        ComputationGraphConfiguration.fromJson(
            upgrade(Files.readString(dir.resolve(name + ".json"))));
    ComputationGraph g = Networks.init(conf);
    float[] p = floats(Files.readAllBytes(dir.resolve(name + ".params")));
    if (p.length != g.numParams()) {
      throw new IllegalStateException(
          name + " has " + p.length + " parameters, its network " + g.numParams());
    }
    g.setParams(Nd4j.create(p, new long[] {1, p.length}, 'c'));
    float[] u = floats(Files.readAllBytes(dir.resolve(name + ".updater")));
    INDArray view = g.getUpdater().getStateViewArray();
    if (view != null) {
      if (u.length != view.length()) {
        throw new IllegalStateException(
            name + " optimizer state has " + u.length + " values, its network " + view.length());
      }
      view.assign(Nd4j.create(u, view.shape(), 'c'));
    }
    return g;
  }

  /**
   * A transformer graph configuration written before the direct body or the sequence output layer
   * gets them: the SameDiff transformer body becomes the direct body, DL4J's RNN output layer
   * {@link SequenceOutputLayer} (same parameters, layout and function, faster fits).
   */
  static String upgrade(String graphJson) {
    String direct =
        graphJson.replace(
            "\"" + TransformerBodyLayer.class.getName() + "\"",
            "\"" + DirectTransformerBodyLayer.class.getName() + "\"");
    if (!direct.contains("\"" + DirectTransformerBodyLayer.class.getName() + "\"")) {
      return direct;
    }
    return direct.replace(
        "\"" + org.deeplearning4j.nn.conf.layers.RnnOutputLayer.class.getName() + "\"",
        "\"" + SequenceOutputLayer.class.getName() + "\"");
  }

  /** Throws if any value of {@code a} is NaN or infinite. */
  public static void requireFinite(INDArray a, String what) {
    double s = a.castTo(DataType.DOUBLE).sumNumber().doubleValue();
    if (!Double.isFinite(s)) {
      throw new IllegalStateException(what + " contain non-finite values");
    }
  }

  private static byte[] bytes(INDArray a) {
    float[] f = a.castTo(DataType.FLOAT).dup('c').data().asFloat();
    ByteBuffer b = ByteBuffer.allocate(f.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(f);
    return b.array();
  }

  private static float[] floats(byte[] bytes) {
    if (bytes.length % 4 != 0) {
      throw new IllegalStateException("array file length " + bytes.length + " is not float32");
    }
    float[] f = new float[bytes.length / 4];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f);
    return f;
  }

  static String stateJson(State s) throws IOException {
    ObjectNode n = JSON.createObjectNode();
    n.put("iteration", s.iteration());
    n.put("master_seed", s.masterSeed());
    n.put("config_hash", s.configHash());
    n.put("algorithm", s.algorithm());
    n.put("run", s.run());
    n.put("family", s.family());
    n.put("variant", s.variant());
    if (s.vamdp() != null) {
      VamdpConfig v = s.vamdp();
      ObjectNode o = n.putObject("vamdp");
      o.put("gamma", v.gamma());
      o.put("epsilon", v.epsilon());
      o.put("max_sweeps", v.maxSweeps());
      o.put("laplace", v.laplace());
      o.put("q_denom", v.qDenom());
      o.put("count_denom", v.countDenom());
      o.put("warm_start", v.warmStart());
      o.put("incremental_states", v.incrementalStates());
      o.put("q_source", v.qSource().name());
      o.put("cluster_radius", v.clusterRadius());
      o.put("cluster_size", v.clusterSize());
    }
    NetworkSpec p = s.spec();
    ObjectNode spec = n.putObject("network");
    spec.put("architecture", p.architecture().name());
    spec.put("input_size", p.inputSize());
    spec.put("num_actions", p.numActions());
    spec.put("horizon", p.horizon());
    spec.put("d_model", p.dModel());
    spec.put("heads", p.heads());
    spec.put("blocks", p.blocks());
    spec.put("ff_size", p.ffSize());
    spec.put("hidden", p.hidden());
    spec.put("learning_rate", p.learningRate());
    spec.put("critic_l2", p.criticL2());
    spec.put("seed", p.seed());
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n);
  }

  static State parseState(String json) throws IOException {
    JsonNode n = JSON.readTree(json);
    JsonNode p = n.path("network");
    NetworkSpec spec =
        new NetworkSpec(
            Architecture.valueOf(p.path("architecture").asText()),
            p.path("input_size").asInt(),
            p.path("num_actions").asInt(),
            p.path("horizon").asInt(),
            p.path("d_model").asInt(),
            p.path("heads").asInt(),
            p.path("blocks").asInt(),
            p.path("ff_size").asInt(),
            p.path("hidden").asInt(),
            p.path("learning_rate").asDouble(),
            p.path("critic_l2").asDouble(),
            p.path("seed").asLong());
    VamdpConfig vamdp = null;
    JsonNode v = n.path("vamdp");
    if (!v.isMissingNode()) {
      vamdp =
          new VamdpConfig(
              v.path("gamma").asDouble(),
              v.path("epsilon").asDouble(),
              v.path("max_sweeps").asInt(),
              v.path("laplace").asDouble(),
              v.path("q_denom").asDouble(),
              v.path("count_denom").asDouble(),
              v.path("warm_start").asBoolean(),
              v.path("incremental_states").asBoolean(),
              QSource.valueOf(v.path("q_source").asText()),
              v.path("cluster_radius").asDouble(),
              v.path("cluster_size").asInt());
    }
    return new State(
        n.path("iteration").asInt(),
        n.path("master_seed").asLong(),
        n.path("config_hash").asText(),
        spec,
        n.path("algorithm").asText(),
        n.path("run").asText(),
        n.path("family").asText(),
        n.path("variant").asText(),
        vamdp);
  }

  /** SHA-256 of a file as lower-case hex. */
  public static String sha256(Path p) throws IOException {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(d.digest(Files.readAllBytes(p)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Iterator<Path> it = s.sorted(java.util.Comparator.reverseOrder()).iterator();
          it.hasNext(); ) {
        Files.delete(it.next());
      }
    }
  }
}
