package org.rl3spark.jobs.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.rl3spark.jobs.Job;
import org.rl3spark.jobs.JobContext;
import org.rl3spark.jobs.config.Rl3Config;
import org.rl3spark.jobs.config.TrainConfig;
import org.rl3spark.jobs.config.TrainDiagnose;
import org.rl3spark.jobs.publish.DataFile;
import org.rl3spark.jobs.publish.DatasetEntry;
import org.rl3spark.jobs.publish.HadoopFiles;
import org.rl3spark.jobs.publish.Manifest;
import org.rl3spark.jobs.publish.OutputPaths;
import org.rl3spark.jobs.publish.Publication;
import org.rl3spark.learner.dl4j.Checkpoint;
import org.rl3spark.learner.dl4j.FitThreads;
import org.rl3spark.learner.dl4j.Nd4jThreads;
import org.rl3spark.learner.policy.Checkpoints;
import org.rl3spark.learner.ppo.TrainingSetup;
import org.rl3spark.learner.ppo.UpdateDiagnostics;
import org.rl3spark.learner.ppo.UpdateDiagnostics.Noise;

/**
 * The {@code diagnose} job: why a training run stalls, measured on the updates it would make next
 * ({@link UpdateDiagnostics}). For the newest valid checkpoint of the config's run (or of the
 * shipped run {@code train.resume-from} names, {@code --resume-from}), on the fresh batches of the
 * {@code train.diagnose.batches} iterations after it, each played by the checkpoint's actor in this
 * process: the critic's explained variance before fitting, the gradient noise of actor and critic,
 * and every epoch's KL, entropy and losses with the actor never stopped. Published as {@code
 * <output.dir>/diagnose/<name>/}:
 *
 * <ul>
 *   <li>{@code batches.csv}: one row per batch (see {@link #BATCH_HEADER});
 *   <li>{@code epochs.csv}: one row per batch and epoch (see {@link #EPOCH_HEADER});
 *   <li>{@code _MANIFEST.json}.
 * </ul>
 *
 * <p>The config must be the run's own training config (its hash is checked): the batches use its
 * tasks, horizon, minibatches, losses and entropy schedule. Nothing is written to the run.
 */
public final class DiagnoseJob implements Job {

  /** The subcommand name. */
  public static final String NAME = "diagnose";

  /** Per-batch table. */
  public static final String BATCHES_CSV = "batches.csv";

  /** Per-epoch table. */
  public static final String EPOCHS_CSV = "epochs.csv";

  /** Columns of {@link #BATCHES_CSV}. */
  public static final String BATCH_HEADER =
      "checkpoint_iteration,iteration,mean_return,entropy_coef,entropy_before,"
          + "explained_variance_before,group_size,minibatch_sequences,"
          + "actor_halves_cosine,actor_group_cosine,actor_signal,actor_trace,actor_noise_scale,"
          + "critic_halves_cosine,critic_group_cosine,critic_signal,critic_trace,"
          + "critic_noise_scale,stop_epochs";

  /** Columns of {@link #EPOCHS_CSV}. */
  public static final String EPOCH_HEADER =
      "iteration,epoch,kl,entropy,clip_fraction,actor_loss,critic_loss,"
          + "critic_explained_variance,kept_by_early_stop";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "measures a training run's next updates: critic explained variance, gradient noise,"
        + " KL and entropy per epoch";
  }

  /** Where a config's output is published. */
  public static String outputDir(Rl3Config c) {
    TrainDiagnose d = c.train().diagnose();
    return OutputPaths.resolve(
        c.output().dir(), NAME + "/" + (d.name().isEmpty() ? c.train().name() : d.name()));
  }

  /** The checkpoint a config diagnoses, checked against the config's settings. */
  public static Path checkpoint(Rl3Config c) {
    TrainConfig t = c.train();
    Path from = t.resumeFrom().isEmpty() ? TrainJob.runDir(c) : Path.of(t.resumeFrom());
    if (!Files.exists(from)) {
      throw new IllegalArgumentException(
          "diagnose: no training run or checkpoint at "
              + from
              + " (train it first, or name a shipped run with --resume-from results/agents/"
              + t.name()
              + ")");
    }
    Path ckpt = Checkpoints.resolve(from);
    Checkpoint.State state = Checkpoint.readState(ckpt);
    String hash = TrainJob.configHash(c);
    if (!state.configHash().equals(hash)) {
      throw new IllegalArgumentException(
          "diagnose: checkpoint "
              + ckpt
              + " was trained with other settings than this config (config hash "
              + state.configHash()
              + ", this config "
              + hash
              + "): pass the run's own training config");
    }
    return ckpt;
  }

  @Override
  public String run(JobContext ctx) throws Exception {
    Rl3Config c = ctx.config();
    TrainConfig t = c.train();
    TrainDiagnose d = t.diagnose();
    if (d.groups() > t.ppo().envs()) {
      throw new IllegalArgumentException(
          "train.diagnose.groups = "
              + d.groups()
              + " is more than train.envs = "
              + t.ppo().envs()
              + ": every group needs a meta-episode");
    }
    Nd4jThreads.set(t.threads());
    FitThreads.set(t.fitThreads());
    Path ckpt = checkpoint(c);
    TrainingSetup setup = TrainJob.setup(c);
    int start = Checkpoint.readState(ckpt).iteration();
    ctx.out()
        .printf(
            Locale.ROOT,
            "diagnosing %s at iteration %d: %d batches of %d envs x %d steps, %d gradient groups%n",
            ckpt,
            start,
            d.batches(),
            t.ppo().envs(),
            t.horizon(),
            d.groups());
    List<UpdateDiagnostics.Result> results = new ArrayList<>();
    for (int b = 1; b <= d.batches(); b++) {
      long t0 = System.nanoTime();
      // A fresh copy of the checkpoint for every batch: the measured update changes the networks.
      Checkpoint.Loaded loaded = Checkpoint.read(ckpt);
      UpdateDiagnostics.Result r =
          UpdateDiagnostics.measure(loaded.networks(), setup, start + b, d.groups());
      results.add(r);
      ctx.out().println(line(r, (System.nanoTime() - t0) / 1e9));
    }
    Publication.Published<DatasetEntry> out =
        Publication.publish(
            ctx,
            outputDir(c),
            (staging, fs) -> write(results, start, t.ppo().sequencesPerMinibatch(), fs, staging),
            List::of);
    ctx.out()
        .println(
            "written to "
                + OutputPaths.display(out.target())
                + "/ ("
                + BATCHES_CSV
                + ", "
                + EPOCHS_CSV
                + ", "
                + Manifest.FILE_NAME
                + ")");
    return out.target().toString();
  }

  /** One batch's summary line. */
  static String line(UpdateDiagnostics.Result r, double seconds) {
    StringBuilder kl = new StringBuilder();
    for (UpdateDiagnostics.Epoch e : r.epochs()) {
      kl.append(kl.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.4f", e.kl()));
    }
    return String.format(
        Locale.ROOT,
        "iteration %d: return %.3f, critic EV %.3f, actor cos(halves) %.3f noise scale %s,"
            + " critic cos(halves) %.3f noise scale %s; KL by epoch %s (early stop keeps %d);"
            + " %.1f s",
        r.iteration(),
        r.meanReturn(),
        r.explainedBefore(),
        r.actor().halvesCosine(),
        scale(r.actor()),
        r.critic().halvesCosine(),
        scale(r.critic()),
        kl,
        r.stopEpochs(),
        seconds);
  }

  private static String scale(Noise n) {
    return Double.isInfinite(n.noiseScale())
        ? "inf"
        : String.format(Locale.ROOT, "%.0f", n.noiseScale());
  }

  /** Writes the two tables into {@code dir}; returns the manifest entry (a row per batch). */
  static DatasetEntry write(
      List<UpdateDiagnostics.Result> results,
      int checkpointIteration,
      int minibatchSequences,
      FileSystem fs,
      org.apache.hadoop.fs.Path dir)
      throws IOException {
    StringBuilder batches = new StringBuilder(BATCH_HEADER).append('\n');
    StringBuilder epochs = new StringBuilder(EPOCH_HEADER).append('\n');
    for (UpdateDiagnostics.Result r : results) {
      batches.append(
          String.join(
              ",",
              Integer.toString(checkpointIteration),
              Integer.toString(r.iteration()),
              num(r.meanReturn()),
              num(r.entropyCoef()),
              num(r.entropyBefore()),
              num(r.explainedBefore()),
              num(r.actor().groupSize()),
              Integer.toString(minibatchSequences),
              noise(r.actor()),
              noise(r.critic()),
              Integer.toString(r.stopEpochs())));
      batches.append('\n');
      for (UpdateDiagnostics.Epoch e : r.epochs()) {
        epochs.append(
            String.join(
                ",",
                Integer.toString(r.iteration()),
                Integer.toString(e.epoch()),
                num(e.kl()),
                num(e.entropy()),
                num(e.clipFraction()),
                num(e.actorLoss()),
                num(e.criticLoss()),
                num(e.criticExplained()),
                Boolean.toString(e.epoch() <= r.stopEpochs())));
        epochs.append('\n');
      }
    }
    List<DataFile> files = new ArrayList<>();
    for (String[] f :
        new String[][] {{BATCHES_CSV, batches.toString()}, {EPOCHS_CSV, epochs.toString()}}) {
      org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(dir, f[0]);
      HadoopFiles.writeText(fs, file, f[1]);
      files.add(new DataFile(f[0], fs.getFileStatus(file).getLen()));
    }
    return new DatasetEntry(DatasetEntry.HERE, results.size(), files);
  }

  private static String noise(Noise n) {
    return String.join(
        ",",
        num(n.halvesCosine()),
        num(n.groupCosine()),
        num(n.signal()),
        num(n.trace()),
        Double.isInfinite(n.noiseScale()) ? "Infinity" : num(n.noiseScale()));
  }

  private static String num(double v) {
    return Double.toString(v);
  }
}
