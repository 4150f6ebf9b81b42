package org.rl3spark.jobs.ship;

import java.nio.file.Path;
import org.rl3spark.jobs.Job;
import org.rl3spark.jobs.JobContext;
import org.rl3spark.jobs.config.Rl3Config;
import org.rl3spark.jobs.config.TrainConfig;
import org.rl3spark.jobs.train.TrainJob;

/**
 * The {@code ship} job: copies a training run (the run of a {@code train} config, under {@code
 * --out}) to {@code <train.ship.dir>/<train.name>/} as a {@link ShippedRun}: its newest valid
 * checkpoint, settings and metrics, and its replay on the first {@code train.ship.replay-tasks}
 * test tasks. Used for finished agents and for snapshots of long runs that continue elsewhere
 * ({@code train --resume-from}).
 */
public final class ShipJob implements Job {

  /** The subcommand name. */
  public static final String NAME = "ship";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "copies a training run's newest checkpoint, settings, metrics and replay to"
        + " train.ship.dir (results/agents), from where it is evaluated or resumed";
  }

  @Override
  public Output output(Rl3Config config) {
    return new Output("train.ship.dir", config.train().ship().dir());
  }

  @Override
  public String run(JobContext ctx) throws Exception {
    Rl3Config c = ctx.config();
    TrainConfig t = c.train();
    Path run = TrainJob.runDir(c);
    Path dest = Path.of(t.ship().dir()).resolve(t.name()).toAbsolutePath();
    ShippedRun.ship(
        run,
        dest,
        c.family().get(t.family()).toFamily(),
        t.ship().replayTasks(),
        "bin/rl3 train --conf " + ctx.loaded().source(),
        ctx.out());
    return dest.toString();
  }
}
