package org.rl3spark.jobs;

import org.apache.spark.sql.SparkSession;
import org.rl3spark.jobs.config.SparkConfig;
import org.rl3spark.jobs.spark.SparkSessions;

/** Opens and releases the session a job runs in (tests substitute a shared session). */
public interface SessionProvider {

  /** Builds sessions with {@link SparkSessions#create} and stops them afterwards. */
  SessionProvider DEFAULT =
      new SessionProvider() {
        @Override
        public SparkSession open(String job, SparkConfig config) {
          return SparkSessions.create(job, config);
        }

        @Override
        public void release(SparkSession session) {
          session.stop();
        }
      };

  /** The session for {@code job}. */
  SparkSession open(String job, SparkConfig config);

  /** Called when the job is done with the session. */
  void release(SparkSession session);
}
