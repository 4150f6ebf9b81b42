package org.rl3spark.jobs.spark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.rl3spark.jobs.config.SparkConfig;

/**
 * The forked JVM of {@link PausedLocalRunTest}: a {@code local[1]} session built by {@link
 * SparkSessions#create} with fast heartbeats (every 0.5 s, checked every 0.5 s, the executor gives
 * up after 20 failed ones, i.e. 10 s) runs one task that lasts {@code args[0]} seconds, prints
 * {@code done} and exits 0. With {@code args[1]} = a number, the driver's heartbeat timeout is that
 * many milliseconds (the unprotected control); with {@code default} it is what {@link
 * SparkSessions} gives local masters.
 */
public final class PausableLocalJob {

  private PausableLocalJob() {}

  public static void main(String[] args) {
    int seconds = Integer.parseInt(args[0]);
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("spark.executor.heartbeatInterval", "500ms");
    conf.put("spark.network.timeoutInterval", "500ms");
    conf.put("spark.executor.heartbeat.maxFailures", "20");
    conf.put("spark.ui.enabled", "false");
    if (!args[1].equals("default")) {
      conf.put(SparkSessions.HEARTBEAT_TIMEOUT_KEY, args[1]);
    }
    SparkSession spark = SparkSessions.create("paused", new SparkConfig("local[1]", 0, conf));
    System.out.println("started");
    System.out.flush();
    long n =
        new JavaSparkContext(spark.sparkContext())
            .parallelize(List.of(1), 1)
            .map(
                x -> {
                  for (int i = 0; i < seconds * 10; i++) {
                    Thread.sleep(100);
                  }
                  return x;
                })
            .count();
    spark.stop();
    System.out.println("done " + n);
    System.exit(0);
  }
}
