package org.rl3spark.jobs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.rl3spark.jobs.analysis.QclassifyJob;
import org.rl3spark.jobs.analysis.QdupJob;
import org.rl3spark.jobs.analysis.QuniqueJob;
import org.rl3spark.jobs.demo.DemoJob;
import org.rl3spark.jobs.eval.EvaluateJob;
import org.rl3spark.jobs.eval.RolloutJob;
import org.rl3spark.jobs.render.RenderJob;
import org.rl3spark.jobs.ship.ShipJob;
import org.rl3spark.jobs.tasks.TasksJob;
import org.rl3spark.jobs.train.DiagnoseJob;
import org.rl3spark.jobs.train.TrainJob;

/** The allow-list of jobs: name → factory. The only way a job is chosen. */
public final class JobRegistry {

  private static final Map<String, Supplier<Job>> JOBS;

  static {
    Map<String, Supplier<Job>> m = new LinkedHashMap<>();
    m.put(TasksJob.NAME, TasksJob::new);
    m.put(DemoJob.NAME, DemoJob::new);
    m.put(RolloutJob.NAME, RolloutJob::new);
    m.put(EvaluateJob.NAME, EvaluateJob::new);
    m.put(TrainJob.NAME, TrainJob::new);
    m.put(ShipJob.NAME, ShipJob::new);
    m.put(DiagnoseJob.NAME, DiagnoseJob::new);
    // Appendix D analyses.
    m.put(QuniqueJob.NAME, QuniqueJob::new);
    m.put(QdupJob.NAME, QdupJob::new);
    m.put(QclassifyJob.NAME, QclassifyJob::new);
    // Figures.
    m.put(RenderJob.NAME, RenderJob::new);
    JOBS = Collections.unmodifiableMap(m);
  }

  private JobRegistry() {}

  /** The job registered as {@code name}. */
  public static Optional<Job> get(String name) {
    Supplier<Job> s = JOBS.get(name);
    return s == null ? Optional.empty() : Optional.of(s.get());
  }

  /** Registered job names, in listing order. */
  public static Iterable<String> names() {
    return JOBS.keySet();
  }
}
