package org.rl3spark.jobs.publish;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.spark.TaskContext;
import org.apache.spark.internal.io.FileCommitProtocol;
import org.apache.spark.sql.execution.datasources.SQLHadoopMapReduceCommitProtocol;
import scala.collection.Seq;

/**
 * Spark's Parquet commit protocol with injected commit failures (R5, R6), installed through {@code
 * spark.sql.sources.commitProtocolClass} on a test session. {@link Mode#TASK_ONCE}: the task commit
 * of partition 0 fails in attempt 0, before the commit coordinator is asked (as an I/O error in the
 * commit would), so attempt 1 may commit. {@link Mode#JOB}: the job commit fails after every task
 * committed. The counters say that the fault fired.
 */
public class FailingCommitProtocol extends SQLHadoopMapReduceCommitProtocol {

  private static final long serialVersionUID = 1L;

  /** The config key that installs a commit protocol class. */
  public static final String KEY = "spark.sql.sources.commitProtocolClass";

  /** Start of every injected failure's message. */
  public static final String MARKER = "injected commit failure";

  /** What fails. */
  public enum Mode {
    OFF,
    TASK_ONCE,
    JOB
  }

  /** The current mode (the test and the local executors share this JVM). */
  public static volatile Mode mode = Mode.OFF;

  /** Task commits that failed. */
  public static final AtomicInteger TASK_FAILURES = new AtomicInteger();

  /** Job commits that failed. */
  public static final AtomicInteger JOB_FAILURES = new AtomicInteger();

  /** Spark's constructor signature (job id, output path, dynamic partition overwrite). */
  public FailingCommitProtocol(String jobId, String path, boolean dynamicPartitionOverwrite) {
    super(jobId, path, dynamicPartitionOverwrite);
  }

  @Override
  public FileCommitProtocol.TaskCommitMessage commitTask(TaskAttemptContext context) {
    TaskContext task = TaskContext.get();
    if (mode == Mode.TASK_ONCE
        && task != null
        && task.partitionId() == 0
        && task.attemptNumber() == 0) {
      TASK_FAILURES.incrementAndGet();
      throw new IllegalStateException(MARKER + ": task commit of partition 0, attempt 0");
    }
    return super.commitTask(context);
  }

  @Override
  public void commitJob(JobContext context, Seq<FileCommitProtocol.TaskCommitMessage> messages) {
    if (mode == Mode.JOB) {
      JOB_FAILURES.incrementAndGet();
      throw new IllegalStateException(MARKER + ": job commit");
    }
    super.commitJob(context, messages);
  }
}
