package org.rl3spark.jobs.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.rl3spark.jobs.BuildInfo;

/**
 * The provenance of a published output, stored as {@value #FILE_NAME} in its directory.
 *
 * @param job the job that wrote it
 * @param runId the run's id
 * @param masterSeed the master seed
 * @param gitCommit the code's git commit ({@code unknown} if not known)
 * @param projectVersion the project version
 * @param versions library versions: {@code java}, {@code java_vendor}, {@code spark}, {@code scala}
 * @param platform {@code os}, {@code os_version}, {@code arch}
 * @param startTime when the run started
 * @param endTime when the output was complete
 * @param datasets the datasets in this directory, with row counts and data files
 * @param configJson the fully resolved config, as JSON
 * @param fallbacks what the run used instead of what its config named (a damaged newest checkpoint
 *     of a {@code checkpoint:<run>} policy: the older one used and why); empty if none
 */
public record Manifest(
    String job,
    String runId,
    long masterSeed,
    String gitCommit,
    String projectVersion,
    Map<String, String> versions,
    Map<String, String> platform,
    Instant startTime,
    Instant endTime,
    List<DatasetEntry> datasets,
    String configJson,
    List<Fallback> fallbacks) {

  /**
   * Something the run used instead of what its config named.
   *
   * @param entry the config entry (e.g. {@code checkpoint:data/train/x})
   * @param used what was used instead (e.g. the older checkpoint's directory)
   * @param skipped what was passed over (e.g. the damaged newest checkpoint)
   * @param reason why it was passed over
   */
  public record Fallback(String entry, String used, String skipped, String reason) {}

  /** File name of the manifest inside an output directory. */
  public static final String FILE_NAME = "_MANIFEST.json";

  /** Version of this file's layout. */
  public static final int VERSION = 1;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectMapper COMPACT = new ObjectMapper();

  /** Validates and copies the fields. */
  public Manifest {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(gitCommit, "gitCommit");
    Objects.requireNonNull(projectVersion, "projectVersion");
    Objects.requireNonNull(startTime, "startTime");
    Objects.requireNonNull(endTime, "endTime");
    Objects.requireNonNull(configJson, "configJson");
    versions = Collections.unmodifiableMap(new LinkedHashMap<>(versions));
    platform = Collections.unmodifiableMap(new LinkedHashMap<>(platform));
    datasets = List.copyOf(datasets);
    fallbacks = List.copyOf(fallbacks);
  }

  /**
   * The manifest of a run that ends now, with this JVM's versions and platform.
   *
   * @param run the run
   * @param masterSeed the master seed
   * @param configJson the resolved config as JSON
   * @param sparkVersion the running Spark's version
   * @param datasets the datasets written
   */
  public static Manifest create(
      RunInfo run,
      long masterSeed,
      String configJson,
      String sparkVersion,
      List<DatasetEntry> datasets) {
    return create(run, masterSeed, configJson, sparkVersion, datasets, List.of());
  }

  /**
   * The manifest of a run that ends now and fell back on something (see {@link Fallback}).
   *
   * @param fallbacks what the run used instead of what its config named
   */
  public static Manifest create(
      RunInfo run,
      long masterSeed,
      String configJson,
      String sparkVersion,
      List<DatasetEntry> datasets,
      List<Fallback> fallbacks) {
    Map<String, String> versions = new LinkedHashMap<>();
    versions.put("java", System.getProperty("java.version"));
    versions.put("java_vendor", System.getProperty("java.vendor"));
    versions.put("spark", sparkVersion);
    versions.put("scala", scala.util.Properties.versionNumberString());
    Map<String, String> platform = new LinkedHashMap<>();
    platform.put("os", System.getProperty("os.name"));
    platform.put("os_version", System.getProperty("os.version"));
    platform.put("arch", System.getProperty("os.arch"));
    return new Manifest(
        run.job(),
        run.runId(),
        masterSeed,
        BuildInfo.gitCommit(),
        BuildInfo.projectVersion(),
        versions,
        platform,
        run.startTime(),
        Instant.now().truncatedTo(ChronoUnit.MILLIS),
        datasets,
        configJson,
        fallbacks);
  }

  /** The dataset recorded at {@code path} (relative; {@code .} for this directory). */
  public Optional<DatasetEntry> dataset(String path) {
    return datasets.stream().filter(d -> d.path().equals(path)).findFirst();
  }

  /** Rows over all datasets. */
  public long totalRows() {
    return datasets.stream().mapToLong(DatasetEntry::rows).sum();
  }

  /** This manifest as pretty-printed JSON. */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("manifest_version", VERSION);
    root.put("job", job);
    root.put("run_id", runId);
    root.put("master_seed", masterSeed);
    root.put("git_commit", gitCommit);
    root.put("project_version", projectVersion);
    ObjectNode v = root.putObject("versions");
    versions.forEach(v::put);
    ObjectNode p = root.putObject("platform");
    platform.forEach(p::put);
    root.put("start_time", startTime.toString());
    root.put("end_time", endTime.toString());
    ArrayNode ds = root.putArray("datasets");
    for (DatasetEntry d : datasets) {
      ObjectNode n = ds.addObject();
      n.put("path", d.path());
      n.put("rows", d.rows());
      ArrayNode files = n.putArray("files");
      for (DataFile f : d.files()) {
        files.addObject().put("path", f.path()).put("bytes", f.bytes());
      }
    }
    ArrayNode fb = root.putArray("fallbacks");
    for (Fallback f : fallbacks) {
      fb.addObject()
          .put("entry", f.entry())
          .put("used", f.used())
          .put("skipped", f.skipped())
          .put("reason", f.reason());
    }
    try {
      root.set("config", JSON.readTree(configJson));
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render manifest: " + e.getMessage(), e);
    }
  }

  /**
   * Parses a manifest.
   *
   * @param json the file's text
   * @param where the file's location, for messages
   * @throws InvalidDatasetException if it is not a valid manifest
   */
  public static Manifest fromJson(String json, String where) {
    try {
      JsonNode root = JSON.readTree(json);
      if (root == null || !root.isObject()) {
        throw new InvalidDatasetException(where, "manifest is not a JSON object");
      }
      int version = required(root, "manifest_version", where).asInt();
      if (version != VERSION) {
        throw new InvalidDatasetException(
            where, "manifest_version " + version + " is not supported (expected " + VERSION + ")");
      }
      List<DatasetEntry> datasets = new ArrayList<>();
      for (JsonNode d : required(root, "datasets", where)) {
        List<DataFile> files = new ArrayList<>();
        for (JsonNode f : required(d, "files", where)) {
          files.add(new DataFile(text(f, "path", where), required(f, "bytes", where).asLong()));
        }
        datasets.add(
            new DatasetEntry(text(d, "path", where), required(d, "rows", where).asLong(), files));
      }
      List<Fallback> fallbacks = new ArrayList<>();
      for (JsonNode f : root.path("fallbacks")) {
        fallbacks.add(
            new Fallback(
                text(f, "entry", where),
                text(f, "used", where),
                text(f, "skipped", where),
                text(f, "reason", where)));
      }
      return new Manifest(
          text(root, "job", where),
          text(root, "run_id", where),
          required(root, "master_seed", where).asLong(),
          text(root, "git_commit", where),
          text(root, "project_version", where),
          strings(required(root, "versions", where)),
          strings(required(root, "platform", where)),
          Instant.parse(text(root, "start_time", where)),
          Instant.parse(text(root, "end_time", where)),
          datasets,
          COMPACT.writeValueAsString(required(root, "config", where)),
          fallbacks);
    } catch (JsonProcessingException | DateTimeParseException | IllegalArgumentException e) {
      throw new InvalidDatasetException(where, "malformed manifest: " + e.getMessage(), e);
    }
  }

  private static JsonNode required(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new InvalidDatasetException(where, "manifest lacks the field '" + field + "'");
    }
    return v;
  }

  private static String text(JsonNode n, String field, String where) {
    return required(n, field, where).asText();
  }

  private static Map<String, String> strings(JsonNode n) {
    Map<String, String> m = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      m.put(e.getKey(), e.getValue().asText());
    }
    return m;
  }
}
