package org.rl3spark.notebooks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Assembles a notebook input root from the committed {@code results/}: every result CSV becomes a
 * Parquet dataset with a {@code _MANIFEST.json}, laid out as the jobs' output root ({@code eval/},
 * {@code train/}, {@code analysis/}), so the notebooks read the real results through {@link
 * Datasets} exactly as they read a job's output.
 *
 * <pre>
 *   results/eval-NAME/summary.csv        -> eval/NAME/summary/             (evaluate)
 *   results/agents/RUN/metrics.csv       -> train/RUN/metrics/             (train, shipped agents)
 *   results/train-NAME/metrics-ALG.csv   -> train-reduced/NAME-ALG/metrics/ (earlier reduced runs)
 *   results/appendix-d/JOB[-x].csv       -> analysis/JOB[-x]/parquet/      (qunique, qdup, qclassify)
 *   results/render-NAME/                 -> render/NAME/                   (render: copied as written)
 * </pre>
 *
 * <p>The results keep their CSVs only, so each manifest records where its rows came from: the CSV
 * ({@code assembled_from}), the commit that last changed it ({@code results_commit}, or {@code
 * uncommitted}) and the code commit that produced it ({@code git_commit}: a shipped agent's {@code
 * AGENT.json}, else the first commit its directory's README names, else null). New results need
 * nothing here: a new {@code results/agents/RUN}, {@code results/eval-NAME} or {@code
 * results/render-NAME} is picked up. A render output is small (PNGs, frames.csv, its own manifest)
 * and is copied whole; its rows are its snapshots.
 *
 * <p>{@code java ... org.rl3spark.notebooks.ResultsRoot <repository> <new output directory>}
 */
public final class ResultsRoot {

  /** What was assembled: the dataset's directory in the root, its source and its commits. */
  public record Assembled(
      String output,
      String job,
      String source,
      long rows,
      String resultsCommit,
      String codeCommit) {}

  private static final Pattern README_COMMIT = Pattern.compile("commit `([0-9a-f]{7,40})`");

  private ResultsRoot() {}

  /** Usage: {@code ResultsRoot <repository> <output directory, absent or empty>}. */
  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: ResultsRoot <repository> <output directory>");
      System.exit(2);
    }
    List<Assembled> done =
        assemble(
            Path.of(args[0]).toAbsolutePath().normalize(),
            Path.of(args[1]).toAbsolutePath().normalize());
    for (Assembled a : done) {
      System.out.printf("  %-40s %6d rows  <- %s%n", a.output(), a.rows(), a.source());
    }
    System.out.println("results root: " + done.size() + " datasets in " + args[1]);
  }

  /**
   * Assembles the root.
   *
   * @throws IllegalStateException if {@code out} is not empty, or a result CSV cannot be read
   */
  public static List<Assembled> assemble(Path repo, Path out) {
    Path results = repo.resolve("results");
    if (!Files.isDirectory(results)) {
      throw new IllegalStateException("no results/ directory in " + repo);
    }
    if (Files.exists(out) && list(out).size() > 0) {
      throw new IllegalStateException(
          "the results root " + out + " exists and is not empty; remove it first");
    }
    List<Assembled> done = new ArrayList<>();
    for (Path dir : list(results)) {
      String name = dir.getFileName().toString();
      if (name.startsWith("eval-") && Files.isRegularFile(dir.resolve("summary.csv"))) {
        done.add(
            convert(
                repo,
                dir.resolve("summary.csv"),
                out.resolve("eval/" + name.substring(5)),
                "evaluate",
                Schema.EVAL_SUMMARY,
                readmeCommit(dir)));
      } else if (name.startsWith("render-") && Files.isRegularFile(dir.resolve("frames.csv"))) {
        done.add(copyRender(repo, dir, out.resolve("render/" + name.substring(7))));
      } else if (name.startsWith("train-")) {
        for (Path csv : list(dir)) {
          String f = csv.getFileName().toString();
          if (f.startsWith("metrics-") && f.endsWith(".csv")) {
            String alg = f.substring("metrics-".length(), f.length() - 4);
            done.add(
                convert(
                    repo,
                    csv,
                    out.resolve("train-reduced/" + name.substring(6) + "-" + alg),
                    "train",
                    Schema.TRAIN_METRICS,
                    readmeCommit(dir)));
          }
        }
      }
    }
    for (Path run : list(results.resolve("agents"))) {
      if (Files.isRegularFile(run.resolve("metrics.csv"))) {
        done.add(
            convert(
                repo,
                run.resolve("metrics.csv"),
                out.resolve("train/" + run.getFileName()),
                "train",
                Schema.TRAIN_METRICS,
                agentCommit(run)));
      }
    }
    Map<String, Schema> analyses =
        Map.of("qunique", Schema.QUNIQUE, "qdup", Schema.QDUP, "qclassify", Schema.QCLASSIFY);
    Path appendixD = results.resolve("appendix-d");
    for (Path csv : list(appendixD)) {
      String f = csv.getFileName().toString();
      if (!f.endsWith(".csv")) {
        continue;
      }
      String stem = f.substring(0, f.length() - 4);
      String job = stem.split("-")[0];
      if (analyses.containsKey(job)) {
        done.add(
            convert(
                repo,
                csv,
                out.resolve("analysis/" + stem),
                job,
                analyses.get(job),
                readmeCommit(appendixD)));
      }
    }
    return done;
  }

  /** A committed {@code bin/rl3 render} output, copied file by file (it has its own manifest). */
  private static Assembled copyRender(Path repo, Path dir, Path target) {
    String source = repo.relativize(dir).toString();
    try {
      Files.createDirectories(target);
      long frames;
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          Files.copy(f, target.resolve(f.getFileName().toString()));
        }
      }
      try (Stream<String> lines = Files.lines(dir.resolve("frames.csv"))) {
        frames = Math.max(0, lines.count() - 1);
      }
      String resultsCommit = resultsCommit(repo, dir.resolve("frames.csv"));
      Optional<String> code = readmeCommit(dir);
      return new Assembled(
          "render/" + target.getFileName(),
          "render",
          source,
          frames,
          resultsCommit,
          code.orElse(null));
    } catch (IOException e) {
      throw new UncheckedIOException("assembling " + source + ": " + e.getMessage(), e);
    }
  }

  /** One CSV to {@code <target>/<schema path>/part-00000.parquet} with a manifest. */
  private static Assembled convert(
      Path repo, Path csv, Path target, String job, Schema schema, Optional<String> codeCommit) {
    Path dataDir = target.resolve(schema.path());
    Path part = dataDir.resolve("part-00000.parquet");
    String source = repo.relativize(csv).toString();
    try {
      Files.createDirectories(dataDir);
      String read = "read_csv_auto('" + Nb.quote(csv.toString()) + "', header = true)";
      List<String> present = Nb.sql("describe select * from " + read).strings("column_name");
      List<String> casts =
          schema.columns().entrySet().stream()
              .filter(e -> present.contains(e.getKey()))
              .map(e -> "cast(" + e.getKey() + " as " + e.getValue().sqlType + ") as " + e.getKey())
              .toList();
      String select = casts.isEmpty() ? "*" : "* replace (" + String.join(", ", casts) + ")";
      Nb.execute(
          "copy (select "
              + select
              + " from "
              + read
              + ") to '"
              + Nb.quote(part.toString())
              + "' (format parquet)");
      long rows =
          ((Number)
                  Nb.sql(
                          "select count(*) as n from read_parquet('"
                              + Nb.quote(part.toString())
                              + "')")
                      .get(0, "n"))
              .longValue();
      String resultsCommit = resultsCommit(repo, csv);
      Files.writeString(
          target.resolve(Datasets.MANIFEST),
          manifest(
              job,
              source,
              resultsCommit,
              codeCommit.orElse(null),
              schema.path(),
              rows,
              target.relativize(part).toString(),
              Files.size(part)),
          StandardCharsets.UTF_8);
      return new Assembled(
          target.getParent().getFileName() + "/" + target.getFileName(),
          job,
          source,
          rows,
          resultsCommit,
          codeCommit.orElse(null));
    } catch (IOException e) {
      throw new UncheckedIOException("assembling " + source + ": " + e.getMessage(), e);
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          "cannot read the result " + source + ": " + e.getMessage(), e);
    }
  }

  static String manifest(
      String job,
      String source,
      String resultsCommit,
      String codeCommit,
      String dataset,
      long rows,
      String file,
      long bytes) {
    return """
        {
          "manifest_version" : 1,
          "job" : %s,
          "assembled_from" : %s,
          "results_commit" : %s,
          "git_commit" : %s,
          "datasets" : [ {
            "path" : %s,
            "rows" : %d,
            "files" : [ { "path" : %s, "bytes" : %d } ]
          } ]
        }
        """
        .formatted(
            json(job),
            json(source),
            json(resultsCommit),
            json(codeCommit),
            json(dataset),
            rows,
            json(file),
            bytes);
  }

  private static String json(String s) {
    if (s == null) {
      return "null";
    }
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** The code commit of a shipped agent, from its AGENT.json. */
  private static Optional<String> agentCommit(Path run) {
    Path agent = run.resolve("AGENT.json");
    if (!Files.isRegularFile(agent)) {
      return Optional.empty();
    }
    Table t = Nb.sql("select git_commit from read_json_auto('" + Nb.quote(agent.toString()) + "')");
    return t.isEmpty() || t.get(0, "git_commit") == null
        ? Optional.empty()
        : Optional.of(t.strings("git_commit").get(0));
  }

  /** The first commit a result directory's README names ("commit `abc1234`"). */
  private static Optional<String> readmeCommit(Path dir) {
    Path readme = dir.resolve("README.md");
    if (!Files.isRegularFile(readme)) {
      return Optional.empty();
    }
    try {
      Matcher m = README_COMMIT.matcher(Files.readString(readme, StandardCharsets.UTF_8));
      return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The short commit that last changed a file, "uncommitted" if it has changes, "unknown" without
   * git.
   */
  static String resultsCommit(Path repo, Path file) {
    String rel = repo.relativize(file).toString();
    Optional<String> dirty = git(repo, "status", "--porcelain", "--", rel);
    if (dirty.isEmpty()) {
      return "unknown";
    }
    if (!dirty.get().isBlank()) {
      return "uncommitted";
    }
    return git(repo, "log", "-1", "--format=%h", "--", rel)
        .filter(s -> !s.isBlank())
        .orElse("unknown");
  }

  private static Optional<String> git(Path repo, String... args) {
    List<String> cmd = new ArrayList<>(List.of("git", "-C", repo.toString()));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return Optional.empty();
      }
      return Optional.of(text);
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static List<Path> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
