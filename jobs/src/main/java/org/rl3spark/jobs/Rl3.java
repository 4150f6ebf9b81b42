package org.rl3spark.jobs;

import java.io.PrintStream;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.rl3spark.jobs.config.ConfigLoader;
import org.rl3spark.jobs.config.ConfigProblems;
import org.rl3spark.jobs.config.LoadedConfig;
import org.rl3spark.jobs.publish.OutputAccess;
import org.rl3spark.jobs.publish.RunInfo;

/**
 * The {@code rl3} command line: {@code rl3 <job> --conf <file> [--set key=value ...] [--out
 * <dir>]}, {@code rl3 jobs}, {@code rl3 --help}.
 *
 * <p>Exit codes: 0 success; 1 the job failed (nothing was published); 2 the command line or the
 * config is invalid, or the job's output directory is not writable (reported before any Spark
 * session exists).
 */
public final class Rl3 {

  /** Exit code of a successful run. */
  public static final int OK = 0;

  /** Exit code of a failed job. */
  public static final int FAILED = 1;

  /** Exit code of an invalid command line or config. */
  public static final int USAGE = 2;

  private Rl3() {}

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line with the standard streams and a session of its own. */
  public static int run(String... args) {
    return run(args, System.out, System.err, SessionProvider.DEFAULT);
  }

  /**
   * Runs the command line.
   *
   * @param args the arguments
   * @param out where reports go
   * @param err where errors go
   * @param sessions opens the session, only after the config is valid
   * @return the exit code
   */
  public static int run(String[] args, PrintStream out, PrintStream err, SessionProvider sessions) {
    if (args.length == 1
        && (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help"))) {
      out.println(CommandLine.USAGE);
      out.println();
      printJobs(out);
      out.println();
      out.println(
          "--conf <file>     HOCON config (see conf/); keys and defaults: rl3-defaults.conf");
      out.println("--set key=value   override a config key; the value is HOCON (50, \"x\", [1,2])");
      out.println("--out <dir>       override output.dir");
      out.println(
          "--allow-large     lift the soft bounds of counts and sizes"
              + " (limits.allow-large = true)");
      return OK;
    }
    if (args.length == 1 && args[0].equals("jobs")) {
      printJobs(out);
      return OK;
    }
    CommandLine cmd;
    try {
      cmd = CommandLine.parse(args);
    } catch (UsageException e) {
      err.println("rl3: " + e.getMessage() + ". " + CommandLine.USAGE);
      return USAGE;
    }
    Job job = JobRegistry.get(cmd.job()).orElseThrow();
    LoadedConfig loaded;
    try {
      loaded = ConfigLoader.load(cmd.conf(), cmd.sets(), cmd.out());
    } catch (ConfigProblems e) {
      err.println("rl3 " + cmd.job() + ": " + e.getMessage());
      return USAGE;
    }
    Job.Output output = job.output(loaded.config());
    Optional<String> unwritable = OutputAccess.problem(output.dir());
    if (unwritable.isPresent()) {
      err.println("rl3 " + cmd.job() + ": " + output.key() + ": " + unwritable.get());
      return USAGE;
    }
    RunInfo run = RunInfo.start(job.name());
    SparkSession spark = null;
    try {
      spark = sessions.open(job.name(), loaded.config().spark());
      job.run(new JobContext(spark, loaded, run, out, err));
      return OK;
    } catch (Exception | LinkageError | AssertionError e) {
      err.println("rl3 " + cmd.job() + ": failed, nothing published: " + describe(e));
      if (Boolean.getBoolean("rl3.debug")) {
        e.printStackTrace(err);
      } else {
        err.println("(run with RL3_JAVA_OPTS=-Drl3.debug=true for the stack trace)");
      }
      return FAILED;
    } finally {
      if (spark != null) {
        sessions.release(spark);
      }
    }
  }

  private static void printJobs(PrintStream out) {
    out.println("jobs:");
    for (String name : JobRegistry.names()) {
      Optional<Job> j = JobRegistry.get(name);
      out.printf("  %-8s %s%n", name, j.map(Job::description).orElse(""));
    }
  }

  /** The exception and its causes, first line of each message. */
  private static String describe(Throwable e) {
    StringBuilder b = new StringBuilder();
    java.util.Set<Throwable> seen = new java.util.HashSet<>();
    for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
      String m = t.getMessage() == null ? "" : t.getMessage().lines().findFirst().orElse("");
      if (b.length() > 0) {
        b.append(System.lineSeparator()).append("  caused by: ");
      }
      b.append(t.getClass().getSimpleName()).append(": ").append(m);
    }
    return b.toString();
  }
}
