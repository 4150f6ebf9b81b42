package org.rl3spark.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.rl3spark.jobs.config.Limits;

/**
 * A parsed job command line: {@code rl3 <job> --conf <file> [--set key=value ...] [--out <dir>]
 * [--allow-large]}. Flags may also be given as {@code --flag=value}; {@code --allow-large} is
 * {@code --set limits.allow-large=true}.
 *
 * @param job the job name (registered in {@link JobRegistry})
 * @param conf the config file (exists)
 * @param sets the {@code --set} overrides, in order
 * @param out the {@code --out} override of {@code output.dir}, or null
 */
public record CommandLine(String job, Path conf, List<String> sets, String out) {

  /** The usage line. */
  public static final String USAGE =
      "usage: rl3 <job> --conf <file> [--set key=value ...] [--out <dir>] [--allow-large]"
          + " [--resume | --resume-from <dir>]  |  rl3 jobs  |  rl3 --help";

  /** Validates the fields. */
  public CommandLine {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(conf, "conf");
    sets = List.copyOf(sets);
  }

  /**
   * Parses the arguments of a job command (the first is the job name).
   *
   * @throws UsageException naming the problem: unknown job, unknown flag, missing value, missing or
   *     nonexistent config file, or a stray argument
   */
  public static CommandLine parse(String... args) throws UsageException {
    if (args.length == 0) {
      throw new UsageException("missing job name");
    }
    String job = args[0];
    if (job.startsWith("-")) {
      throw new UsageException("missing job name before " + job);
    }
    if (JobRegistry.get(job).isEmpty()) {
      List<String> names = new ArrayList<>();
      JobRegistry.names().forEach(names::add);
      throw new UsageException(
          "unknown job '"
              + job
              + "'"
              + org.rl3spark.jobs.config.Suggestions.didYouMean(job, names)
              + "; jobs: "
              + String.join(", ", names));
    }
    String conf = null;
    String out = null;
    List<String> sets = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      String flag = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        flag = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      if (arg.equals("--allow-large")) {
        sets.add(Limits.ALLOW_LARGE + "=true");
        continue;
      }
      if (arg.equals("--resume")) {
        if (!job.equals("train")) {
          throw new UsageException("--resume applies to the train job only");
        }
        sets.add("train.resume=true");
        continue;
      }
      if (flag.equals("--resume-from")) {
        if (!job.equals("train") && !job.equals("diagnose")) {
          throw new UsageException("--resume-from applies to the train and diagnose jobs only");
        }
        if (value == null) {
          value = next(args, ++i, flag);
        }
        sets.add("train.resume=true"); // diagnose reads only the directory
        String quoted = value.replace("\\", "\\\\").replace("\"", "\\\"");
        sets.add("train.resume-from=\"" + quoted + "\"");
        continue;
      }
      switch (flag) {
        case "--conf", "--set", "--out" -> {
          if (value == null) {
            value = next(args, ++i, flag);
          }
          if (flag.equals("--conf")) {
            if (conf != null) {
              throw new UsageException("--conf given twice");
            }
            conf = value;
          } else if (flag.equals("--out")) {
            if (out != null) {
              throw new UsageException("--out given twice");
            }
            if (value.isBlank()) {
              throw new UsageException("--out needs a directory");
            }
            out = value;
          } else {
            if (value.indexOf('=') <= 0) {
              throw new UsageException("--set needs key=value, got '" + value + "'");
            }
            sets.add(value);
          }
        }
        default -> {
          if (arg.startsWith("-")) {
            throw new UsageException("unknown flag '" + arg + "'");
          }
          throw new UsageException("unexpected argument '" + arg + "'");
        }
      }
    }
    if (conf == null) {
      throw new UsageException("missing --conf <file>");
    }
    Path path = Path.of(conf);
    if (!Files.isRegularFile(path)) {
      throw new UsageException("config file not found: " + conf);
    }
    return new CommandLine(job, path, sets, out);
  }

  /**
   * The value of {@code flag} given as the next argument, {@code args[i]}: it must exist and not be
   * another flag ({@code --conf --out x} lacks the file, whatever follows).
   */
  private static String next(String[] args, int i, String flag) throws UsageException {
    String what =
        switch (flag) {
          case "--conf" -> "a file";
          case "--set" -> "key=value";
          default -> "a directory";
        };
    if (i >= args.length) {
      throw new UsageException(flag + " needs " + what);
    }
    if (args[i].startsWith("--")) {
      throw new UsageException(
          flag
              + " needs "
              + what
              + " before "
              + args[i]
              + " (a value that"
              + " starts with -- is written "
              + flag
              + "=<value>)");
    }
    return args[i];
  }
}
