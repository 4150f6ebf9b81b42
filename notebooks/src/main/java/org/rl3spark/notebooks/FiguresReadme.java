package org.rl3spark.notebooks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Writes the README of a figures directory from the index {@link Figures} kept while the notebooks
 * ran: each figure with its files, its notebook (and the notebook's executed HTML) and its inputs,
 * and each input with the manifest's source, rows and commits. Removes the index afterwards.
 *
 * <p>{@code java ... org.rl3spark.notebooks.FiguresReadme <figures dir> <input root> <command>}
 */
public final class FiguresReadme {

  private FiguresReadme() {}

  /** One figure: its title, notebook, files and inputs (paths relative to the input root). */
  record Figure(String title, String notebook, TreeSet<String> files, TreeSet<String> inputs) {}

  /** Usage: {@code FiguresReadme <figures dir> <input root> <command>}. */
  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println("usage: FiguresReadme <figures dir> <input root> <command>");
      System.exit(2);
    }
    Path figures = Path.of(args[0]);
    Path root = Path.of(args[1]).toAbsolutePath().normalize();
    write(figures, root, args[2]);
  }

  /** Writes {@code README.md} in the figures directory and removes the index. */
  static void write(Path figures, Path root, String command) {
    Path index = figures.resolve(Figures.INDEX);
    Map<String, Figure> byName = new LinkedHashMap<>(); // in the order the notebooks drew them
    List<String> missing = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(index, StandardCharsets.UTF_8)) {
        String[] f = line.split("\t", -1);
        if (f[0].endsWith(Figures.MISSING)) {
          missing.add(f[2] + " (`" + f[1] + "`)");
          continue;
        }
        String stem = f[0].substring(0, f[0].lastIndexOf('.'));
        Figure fig =
            byName.computeIfAbsent(
                stem, s -> new Figure(f[2], f[1], new TreeSet<>(), new TreeSet<>()));
        fig.files().add(f[0]);
        for (String in : f[3].split(" ")) {
          if (!in.isBlank()) {
            fig.inputs().add(relative(root, in));
          }
        }
      }
      Files.writeString(
          figures.resolve("README.md"),
          text(byName, missing, root, command),
          StandardCharsets.UTF_8);
      Files.delete(index);
    } catch (IOException e) {
      throw new UncheckedIOException("writing the figures README from " + index, e);
    }
  }

  private static String text(
      Map<String, Figure> figures, List<String> missing, Path root, String command) {
    StringBuilder b =
        new StringBuilder(
            """
        # Figures from the committed results

        Generated, do not edit: `%s` assembles an input root from `results/` (every result CSV as
        a dataset with a manifest naming its source and commits), executes every notebook on it,
        and writes here each figure as a PNG, the numbers it plots as a CSV (6 significant digits,
        sorted rows) and the tables as Markdown, with the executed notebooks as HTML in `html/`.
        CI runs `notebooks/figures --check`, which regenerates the CSVs and fails when one here
        differs: re-run the command after adding results and commit `results/figures/` with them.

        *Published* marks the paper's numbers (typed into the notebooks from docs/baselines.md);
        everything else is ours. What is missing is said in the figure and its notebook.

        | figure | files | notebook |
        |---|---|---|
        """
                .formatted(command));
    Map<String, TreeSet<String>> notebooks = new LinkedHashMap<>();
    figures.forEach(
        (name, f) -> {
          List<String> files = new ArrayList<>();
          for (String file : f.files()) {
            files.add("[" + file.substring(file.lastIndexOf('.') + 1) + "](" + file + ")");
          }
          b.append("| ")
              .append(f.title())
              .append(" | ")
              .append(String.join(" · ", files))
              .append(" | `")
              .append(f.notebook())
              .append("` |\n");
          notebooks.computeIfAbsent(f.notebook(), k -> new TreeSet<>()).addAll(f.inputs());
        });
    if (!missing.isEmpty()) {
      b.append("\n## Missing\n\nWhat the figures cannot show yet, as the notebooks found it:\n\n");
      missing.forEach(m -> b.append("- ").append(m).append('\n'));
    }
    b.append(
        """

        ## Notebooks

        Each notebook executed on the assembled root, as HTML, and the inputs it read.

        | notebook | executed | inputs |
        |---|---|---|
        """);
    TreeSet<String> allInputs = new TreeSet<>();
    notebooks.forEach(
        (nb, inputs) -> {
          b.append("| `")
              .append(nb)
              .append("` | [html](html/")
              .append(nb)
              .append(".html) | ")
              .append(String.join(", ", inputs.stream().map(i -> "`" + i + "`").toList()))
              .append(" |\n");
          allInputs.addAll(inputs);
        });
    b.append(
        """

        ## Inputs

        Each input is a dataset of the assembled root; its manifest names the result file it was
        made from, the commit of the code that produced it (from the agent's `AGENT.json` or the
        commit the result's README names) and the last commit that changed the result file.

        | input | from | rows | code commit | results commit |
        |---|---|---:|---|---|
        """);
    for (String in : allInputs) {
      Map<String, String> m = manifest(root.resolve(in));
      b.append("| `")
          .append(in)
          .append("` | `")
          .append(m.get("assembled_from"))
          .append("` | ")
          .append(m.get("rows"))
          .append(" | ")
          .append(m.get("git_commit"))
          .append(" | ")
          .append(m.get("results_commit"))
          .append(" |\n");
    }
    return b.toString();
  }

  private static Map<String, String> manifest(Path output) {
    Map<String, String> m = new LinkedHashMap<>();
    Path file = output.resolve(Datasets.MANIFEST);
    if (!Files.isRegularFile(file)) {
      return Map.of("assembled_from", "?", "rows", "?", "git_commit", "?", "results_commit", "?");
    }
    Table t = Nb.sql("select * from read_json_auto('" + Nb.quote(file.toString()) + "')");
    for (String k : List.of("assembled_from", "git_commit", "results_commit")) {
      Object v = t.columns().contains(k) ? t.get(0, k) : null;
      m.put(k, v == null ? "unknown" : String.valueOf(v));
    }
    if ("uncommitted".equals(m.get("results_commit"))) {
      m.put("results_commit", "committed with these figures");
    }
    Table rows =
        Nb.sql(
            "select sum(d.rows) as n from (select unnest(datasets) as d from read_json_auto('"
                + Nb.quote(file.toString())
                + "'))");
    m.put("rows", String.valueOf(rows.get(0, "n")));
    return m;
  }

  private static String relative(Path root, String input) {
    Path p = Path.of(input).toAbsolutePath().normalize();
    return p.startsWith(root) ? root.relativize(p).toString() : p.toString();
  }
}
