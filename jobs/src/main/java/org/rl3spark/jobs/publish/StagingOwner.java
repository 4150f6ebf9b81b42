package org.rl3spark.jobs.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The process that writes a staging directory, recorded in the directory's {@value #FILE_NAME} so
 * that a later run of the same output can tell a live writer from a killed one.
 *
 * <p>A run is <em>alive</em> while a process with its pid runs on its host and started at the
 * recorded instant (a pid reused by another process has another start time). Only the host it ran
 * on can check: elsewhere (another driver of a cluster) it is {@link Liveness#UNKNOWN}.
 *
 * @param pid the driver's process id
 * @param host the driver's host name
 * @param processStart when the driver's process started, or null if the OS did not say
 * @param runId the run's id (the staging directory's suffix)
 */
public record StagingOwner(long pid, String host, Instant processStart, String runId) {

  /** The marker file inside a staging directory ({@code _} keeps Spark's readers off it). */
  public static final String FILE_NAME = "_STAGING_OWNER.json";

  /** Start instants within this are the same (the OS keeps them in clock ticks). */
  static final Duration START_TOLERANCE = Duration.ofSeconds(1);

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What this host can tell about an owner. */
  public enum Liveness {
    /** Its process runs on this host. */
    ALIVE,
    /** It ran on this host and its process is gone (or the pid now belongs to another). */
    DEAD,
    /** It ran on another host. */
    UNKNOWN
  }

  /** The current process as the owner of run {@code runId}. */
  public static StagingOwner current(String runId) {
    ProcessHandle self = ProcessHandle.current();
    return new StagingOwner(
        self.pid(), LocalHost.NAME, self.info().startInstant().orElse(null), runId);
  }

  /** Whether the owner still runs, as far as this host can tell. */
  public Liveness liveness() {
    if (!host.equals(LocalHost.NAME)) {
      return Liveness.UNKNOWN;
    }
    Optional<ProcessHandle> p = ProcessHandle.of(pid);
    if (p.isEmpty() || !p.get().isAlive()) {
      return Liveness.DEAD;
    }
    Optional<Instant> started = p.get().info().startInstant();
    if (processStart != null
        && started.isPresent()
        && Duration.between(processStart, started.get()).abs().compareTo(START_TOLERANCE) > 0) {
      return Liveness.DEAD;
    }
    return Liveness.ALIVE;
  }

  /** e.g. {@code pid 1234 on host1}. */
  public String describe() {
    return "pid " + pid + " on " + host;
  }

  /** The marker's JSON. */
  public String toJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("pid", pid);
    o.put("host", host);
    o.put("process_start", processStart == null ? null : processStart.toString());
    o.put("run_id", runId);
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The owner in a marker's JSON, or empty if it is not one (a damaged marker). */
  public static Optional<StagingOwner> fromJson(String json) {
    try {
      JsonNode o = JSON.readTree(json);
      if (o == null || !o.path("pid").canConvertToLong() || !o.path("host").isTextual()) {
        return Optional.empty();
      }
      JsonNode start = o.path("process_start");
      return Optional.of(
          new StagingOwner(
              o.get("pid").asLong(),
              o.get("host").asText(),
              start.isTextual() ? Instant.parse(start.asText()) : null,
              o.path("run_id").asText("")));
    } catch (JsonProcessingException | DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** This host's name, looked up once. */
  private static final class LocalHost {
    static final String NAME = lookUp();

    private static String lookUp() {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        String env = System.getenv("HOSTNAME");
        return env == null || env.isBlank() ? "localhost" : env;
      }
    }
  }
}
