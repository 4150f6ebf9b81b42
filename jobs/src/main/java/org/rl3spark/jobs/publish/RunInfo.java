package org.rl3spark.jobs.publish;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One run of a job.
 *
 * @param job the job name
 * @param runId unique id: UTC start time plus a random suffix, e.g. {@code
 *     20250101T120000Z-1a2b3c4d} (only used to name directories, never as a seed)
 * @param startTime when the run started
 */
public record RunInfo(String job, String runId, Instant startTime) {

  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9_-]+");
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** Validates the fields (the run id is used in directory names). */
  public RunInfo {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(startTime, "startTime");
    if (runId == null || !RUN_ID.matcher(runId).matches()) {
      throw new IllegalArgumentException("run id must match " + RUN_ID + ", got " + runId);
    }
  }

  /** A new run of {@code job} starting now. */
  public static RunInfo start(String job) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    return new RunInfo(job, STAMP.format(now) + "-" + suffix, now);
  }
}
