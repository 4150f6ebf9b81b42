package org.rl3spark.jobs.train;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.TaskInfo;

/**
 * Spark's metrics of the tasks of one {@link ParameterAveragingFitter}'s jobs (those submitted with
 * the local property {@link #PROPERTY} set to its id), added to its {@link FitTimes}. Listener
 * events arrive asynchronously: a task that ends just before an iteration's line is printed may be
 * counted in the next one.
 */
final class FitTaskListener extends SparkListener {

  /** The local property naming the fitter whose job it is. */
  static final String PROPERTY = "rl3.fit";

  private final String id;
  private final FitTimes times;
  private final Set<Integer> stages = ConcurrentHashMap.newKeySet();

  FitTaskListener(String id, FitTimes times) {
    this.id = id;
    this.times = times;
  }

  @Override
  public void onJobStart(SparkListenerJobStart start) {
    if (start.properties() != null && id.equals(start.properties().getProperty(PROPERTY))) {
      scala.collection.Iterator<Object> it = start.stageIds().iterator();
      while (it.hasNext()) {
        stages.add((Integer) it.next());
      }
    }
  }

  /** A stage's tasks have all been reported (the bus delivers in order): forget it. */
  @Override
  public void onStageCompleted(SparkListenerStageCompleted completed) {
    stages.remove(completed.stageInfo().stageId());
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    if (!stages.contains(end.stageId())) {
      return;
    }
    TaskInfo info = end.taskInfo();
    TaskMetrics m = end.taskMetrics();
    if (info == null || m == null) {
      return;
    }
    // The executor is done with a task when it sends the result; a large result is then fetched
    // by the driver (getting result), while the executor runs its next task.
    long sent = info.gettingResultTime() > 0 ? info.gettingResultTime() : info.finishTime();
    times.task(
        Math.max(0, sent - info.launchTime()),
        m.executorDeserializeTime(),
        m.executorRunTime(),
        m.resultSerializationTime(),
        info.gettingResultTime() > 0 ? Math.max(0, info.finishTime() - sent) : 0,
        m.jvmGCTime(),
        m.executorCpuTime());
  }
}
