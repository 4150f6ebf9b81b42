package org.rl3spark.jobs.render;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.rl3spark.core.policy.Policy;
import org.rl3spark.core.policy.PolicySpec;
import org.rl3spark.core.vamdp.VamdpConfig;
import org.rl3spark.envs.FamilyPolicies;
import org.rl3spark.envs.grid.GridFamily;
import org.rl3spark.envs.grid.GridTask;
import org.rl3spark.envs.grid.GridworldConfig;
import org.rl3spark.jobs.Job;
import org.rl3spark.jobs.JobContext;
import org.rl3spark.jobs.config.CheckpointPolicies;
import org.rl3spark.jobs.config.RenderConfig;
import org.rl3spark.jobs.config.Rl3Config;
import org.rl3spark.jobs.publish.DataFile;
import org.rl3spark.jobs.publish.DatasetEntry;
import org.rl3spark.jobs.publish.HadoopFiles;
import org.rl3spark.jobs.publish.Manifest;
import org.rl3spark.jobs.publish.OutputPaths;
import org.rl3spark.jobs.publish.Publication;
import org.rl3spark.jobs.publish.Publication.Published;
import org.rl3spark.learner.dl4j.Checkpoint;
import org.rl3spark.learner.dl4j.Nd4jThreads;
import org.rl3spark.learner.policy.Checkpoints;

/**
 * The {@code render} job: replays one meta-episode (meta-episode 0, the one {@code evaluate} plays)
 * of a policy on one GridWorld task with a VAMDP alongside ({@link GridReplay}) and draws PNG
 * snapshots ({@link GridPainter}), published as {@code <output.dir>/render/<name>/}:
 *
 * <ul>
 *   <li>{@code step-<t>.png}: one per snapshot step t (6 digits), one value scale for all;
 *   <li>{@code frames.csv}: {@code step, episode, state, row, col, return_so_far, visited,
 *       min_value, max_value, policy, file}, one row per snapshot;
 *   <li>{@code trajectory.csv}: {@code step, episode, state, row, col, action, reward, next_state,
 *       episode_end}, one row per step;
 *   <li>{@code task.txt}: the task's identity and layout; {@code _MANIFEST.json}.
 * </ul>
 *
 * <p>Runs on the driver (one task needs no cluster); the session only supplies the Hadoop
 * configuration of the output file system.
 */
public final class RenderJob implements Job {

  /** The subcommand name. */
  public static final String NAME = "render";

  /** Snapshot metadata. */
  public static final String FRAMES_CSV = "frames.csv";

  /** Per-step trajectory. */
  public static final String TRAJECTORY_CSV = "trajectory.csv";

  /** The task. */
  public static final String TASK_TXT = "task.txt";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "PNG snapshots (grid, agent, value estimates) of one policy's meta-episode on a GridWorld";
  }

  /** Where a config's output is published. */
  public static String outputDir(Rl3Config c) {
    return OutputPaths.resolve(c.output().dir(), "render/" + c.render().name());
  }

  /** The family of the config's task: {@code family.gridworld} with {@code render.variant}. */
  public static GridFamily family(Rl3Config c) {
    GridworldConfig g = c.family().get(GridFamily.NAME, GridworldConfig.class);
    return new GridworldConfig(c.render().variant(), g.minReturn(), g.maxReturn(), g.maxAttempts())
        .toFamily();
  }

  /** The task of a config. */
  public static GridTask task(Rl3Config c) {
    GridFamily f = family(c);
    RenderConfig r = c.render();
    if (!f.supports(r.split())) {
      throw new IllegalArgumentException(
          "render: variant "
              + f.variant()
              + " has no "
              + r.split().id()
              + " split"
              + (f.outOfDistribution() ? " (out-of-distribution variants: split = ood)" : ""));
    }
    return (GridTask) f.generate(r.split(), r.taskIndex(), c.masterSeed());
  }

  /**
   * A policy with the VAMDP settings of its observations (null if it plays the bare task env).
   *
   * @param policy the policy
   * @param vamdp its observation wrapper's settings, or null
   */
  public record Resolved(Policy policy, VamdpConfig vamdp) {}

  /** The config's policy: a classical one by name, or a checkpoint's trained agent. */
  public static Resolved policy(Rl3Config c) {
    RenderConfig r = c.render();
    if (!r.isCheckpoint()) {
      return new Resolved(
          FamilyPolicies.create(PolicySpec.parse(r.policy()), GridFamily.NAME, r.budget()), null);
    }
    java.nio.file.Path path = java.nio.file.Path.of(r.checkpointPath());
    if (!Files.exists(path)) {
      throw new IllegalArgumentException("render.policy: no checkpoint or run directory " + path);
    }
    // The evaluate job's checks: observation size (grid side) and the trained sequence length.
    CheckpointPolicies.check(r.policy(), family(c), List.of(r.budget()));
    Nd4jThreads.set(1);
    Checkpoint.Loaded loaded = Checkpoint.read(Checkpoints.resolve(path));
    if (!GridFamily.NAME.equals(loaded.state().family())) {
      throw new IllegalArgumentException(
          "render.policy: the checkpoint was trained on "
              + loaded.state().family()
              + ", render draws "
              + GridFamily.NAME
              + " tasks");
    }
    return new Resolved(Checkpoints.policy(loaded, false), loaded.state().vamdp());
  }

  /** Replays the config's meta-episode. */
  public static GridReplay.Result replay(Rl3Config c, GridTask task, Resolved p) {
    RenderConfig r = c.render();
    VamdpConfig shadow = p.vamdp() != null ? p.vamdp() : family(c).vamdpDefaults();
    return GridReplay.play(
        task,
        p.policy(),
        p.vamdp(),
        shadow,
        r.budget(),
        c.masterSeed(),
        0,
        new HashSet<>(r.steps()));
  }

  /** The file name of the snapshot of step t. */
  public static String pngName(int step) {
    return String.format(Locale.ROOT, "step-%06d.png", step);
  }

  /** [lowest, highest] value over all snapshots ([0, 1] if none has a value). */
  public static double[] scale(List<GridReplay.Snapshot> snaps) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (GridReplay.Snapshot s : snaps) {
      for (double v : s.values()) {
        if (!Double.isNaN(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    return lo > hi ? new double[] {0, 1} : new double[] {lo, hi};
  }

  /** Writes the images and tables of a replay into {@code dir}; returns the manifest entry. */
  public static DatasetEntry write(
      Rl3Config c,
      GridTask task,
      String policyName,
      GridReplay.Result result,
      FileSystem fs,
      Path dir)
      throws IOException {
    RenderConfig r = c.render();
    double[] scale = scale(result.snapshots());
    List<String> names = new ArrayList<>();
    StringBuilder frames =
        new StringBuilder(
            "step,episode,state,row,col,return_so_far,visited,min_value,max_value,policy,file\n");
    for (GridReplay.Snapshot s : result.snapshots()) {
      BufferedImage img = GridPainter.paint(task, s, r.budget(), r.tileSize(), scale[0], scale[1]);
      String file = pngName(s.step());
      try (OutputStream out = fs.create(new Path(dir, file), false)) {
        out.write(GridPainter.png(img));
      }
      names.add(file);
      double[] range = scale(List.of(s));
      boolean any = s.visited() > 0;
      frames.append(
          String.format(
              Locale.ROOT,
              "%d,%d,%d,%d,%d,%s,%d,%s,%s,%s,%s%n",
              s.step(),
              s.episode(),
              s.state(),
              task.rowOf(s.state()),
              task.colOf(s.state()),
              num(s.returnSoFar()),
              s.visited(),
              any ? num(range[0]) : "",
              any ? num(range[1]) : "",
              csvQuote(policyName),
              file));
    }
    StringBuilder traj =
        new StringBuilder("step,episode,state,row,col,action,reward,next_state,episode_end\n");
    for (GridReplay.StepRow s : result.steps()) {
      traj.append(
          String.format(
              Locale.ROOT,
              "%d,%d,%d,%d,%d,%d,%s,%d,%b%n",
              s.step(),
              s.episode(),
              s.state(),
              task.rowOf(s.state()),
              task.colOf(s.state()),
              s.action(),
              num(s.reward()),
              s.next(),
              s.episodeEnd()));
    }
    HadoopFiles.writeText(fs, new Path(dir, FRAMES_CSV), frames.toString());
    HadoopFiles.writeText(fs, new Path(dir, TRAJECTORY_CSV), traj.toString());
    HadoopFiles.writeText(
        fs,
        new Path(dir, TASK_TXT),
        String.format(
                Locale.ROOT,
                "task %s%nside %d, slip %s, J (optimal 100-step return) %s%npolicy %s, budget %d,"
                    + " meta-episode return %s%n%n",
                task.id(),
                task.side(),
                num(task.slip()),
                num(task.optimalReturn100()),
                policyName,
                r.budget(),
                num(result.totalReturn()))
            + task.render());
    names.add(FRAMES_CSV);
    names.add(TRAJECTORY_CSV);
    names.add(TASK_TXT);
    List<DataFile> files = new ArrayList<>();
    for (String n : names) {
      files.add(new DataFile(n, fs.getFileStatus(new Path(dir, n)).getLen()));
    }
    return new DatasetEntry(DatasetEntry.HERE, result.snapshots().size(), files);
  }

  @Override
  public String run(JobContext ctx) throws Exception {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    Rl3Config c = ctx.config();
    long start = System.nanoTime();
    GridTask task = task(c);
    Resolved p = policy(c);
    GridReplay.Result result = replay(c, task, p);
    Published<DatasetEntry> out =
        Publication.publish(
            ctx,
            outputDir(c),
            (staging, fs) -> write(c, task, p.policy().name(), result, fs, staging),
            List::of);
    ctx.out()
        .printf(
            Locale.ROOT,
            "%s on %s (J = %.1f), H = %d: return %.1f; %d snapshots in %.1f s%n",
            p.policy().name(),
            task.id(),
            task.optimalReturn100(),
            c.render().budget(),
            result.totalReturn(),
            result.snapshots().size(),
            (System.nanoTime() - start) / 1e9);
    ctx.out()
        .println(
            "written to "
                + OutputPaths.display(out.target())
                + "/ (step-*.png, "
                + FRAMES_CSV
                + ", "
                + TRAJECTORY_CSV
                + ", "
                + TASK_TXT
                + ", "
                + Manifest.FILE_NAME
                + ")");
    return out.target().toString();
  }

  private static String num(double v) {
    return Double.toString(v);
  }

  private static String csvQuote(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
