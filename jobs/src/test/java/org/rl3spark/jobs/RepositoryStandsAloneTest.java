package org.rl3spark.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A clone of this repository is all a reader needs: no file points at material outside it, and
 * every section a comment cites exists.
 *
 * <ul>
 *   <li>Only {@code bench/} and {@code BENCHMARKS.md} may name the sibling {@code shared} directory
 *       (the PyTorch benchmark peer lives there), and this test, which looks for it.
 *   <li>Every {@code reference §X} is a numbered heading of {@code docs/reference-behaviour.md},
 *       every {@code §X item N} an item of that section, every {@code open question N} one of its
 *       open questions; every {@code baselines §X} a heading of {@code docs/baselines.md}; every
 *       {@code docs/style.md item N} an item there; every {@code docs/<name>.md} named exists.
 * </ul>
 *
 * <p>Scanned: the text files of the repository, without {@code .git}, build output ({@code target})
 * and job outputs ({@code data/} except its README and the committed example).
 */
class RepositoryStandsAloneTest {

  private static final Path ROOT =
      Path.of(System.getProperty("rl3.repo.root", "..")).toAbsolutePath().normalize();

  private static final Pattern OUTSIDE =
      Pattern.compile("\\.\\./shared/|shared/(?:spec|docs|paper|bench)/");

  /** Where {@link #OUTSIDE} is allowed: the benchmark peer's users and this test. */
  private static final List<String> MAY_POINT_OUTSIDE =
      List.of(
          "bench/",
          "BENCHMARKS.md",
          "jobs/src/test/java/org/rl3spark/jobs/RepositoryStandsAloneTest.java");

  /** A citation and the sections it lists: "reference §1.3.4, §1.3.5", "reference §1–§3". */
  private static final Pattern CITATION =
      Pattern.compile(
          "\\b([Rr]eference|baselines) (§\\d[\\d.]*(?:(?:[\\s*#/,–]|and|or)+§\\d[\\d.]*)*)");

  private static final Pattern SECTION = Pattern.compile("§(\\d+(?:\\.\\d+)*)");
  private static final Pattern ITEM = Pattern.compile("§(\\d+(?:\\.\\d+)*) item (\\d+)");
  private static final Pattern OPEN_QUESTION = Pattern.compile("open question (\\d+)");
  private static final Pattern STYLE_ITEM = Pattern.compile("docs/style\\.md item (\\d+)");
  private static final Pattern DOC = Pattern.compile("docs/([\\w-]+\\.md)");
  private static final Pattern HEADING = Pattern.compile("(?m)^#+ (\\d+(?:\\.\\d+)*)\\.? ");
  private static final Pattern NUMBERED = Pattern.compile("(?m)^(\\d+)\\. ");

  private static final Set<String> TEXT =
      Set.of(
          "java",
          "md",
          "conf",
          "ipynb",
          "xml",
          "properties",
          "json",
          "sh",
          "py",
          "txt",
          "yml",
          "yaml",
          "");

  /** Repository-relative path (with '/') to content, of every scanned file. */
  private static final Map<String, String> FILES = new LinkedHashMap<>();

  @BeforeAll
  static void readRepository() throws IOException {
    List<Path> paths;
    try (Stream<Path> s = Files.walk(ROOT)) {
      paths = s.filter(Files::isRegularFile).filter(RepositoryStandsAloneTest::scanned).toList();
    }
    for (Path p : paths) {
      byte[] bytes = Files.readAllBytes(p);
      if (bytes.length < 2_000_000 && !containsNul(bytes)) {
        FILES.put(relative(p), new String(bytes, StandardCharsets.UTF_8));
      }
    }
    assertThat(FILES)
        .as("files scanned under " + ROOT)
        .containsKeys("README.md", "docs/reference-behaviour.md", "docs/baselines.md")
        .hasSizeGreaterThan(300);
  }

  @Test
  void nothingPointsOutsideTheRepository() {
    List<String> hits = new ArrayList<>();
    FILES.forEach(
        (file, text) -> {
          if (MAY_POINT_OUTSIDE.stream().noneMatch(file::startsWith)) {
            Matcher m = OUTSIDE.matcher(text);
            while (m.find()) {
              hits.add(file + ":" + line(text, m.start()) + ": " + m.group());
            }
          }
        });
    assertThat(hits)
        .as(
            "references to material outside the repository; write what the code"
                + " relies on under docs/ and cite that")
        .isEmpty();
  }

  @Test
  void everyCitedSectionExists() throws IOException {
    String reference = Files.readString(ROOT.resolve("docs/reference-behaviour.md"));
    String baselines = Files.readString(ROOT.resolve("docs/baselines.md"));
    Set<String> referenceSections = matches(HEADING, reference);
    Set<String> baselinesSections = matches(HEADING, baselines);
    Set<String> openQuestions =
        matches(NUMBERED, reference.substring(reference.indexOf("## Open questions")));
    Set<String> styleItems = matches(NUMBERED, Files.readString(ROOT.resolve("docs/style.md")));
    assertThat(referenceSections).contains("1.3.6", "3.4", "8");

    List<String> missing = new ArrayList<>();
    int cited = 0;
    for (Map.Entry<String, String> f : FILES.entrySet()) {
      String file = f.getKey();
      String text = f.getValue();
      Matcher c = CITATION.matcher(text);
      while (c.find()) {
        boolean ref = !c.group(1).equals("baselines");
        for (String section : matches(SECTION, c.group(2))) {
          cited++;
          if (!(ref ? referenceSections : baselinesSections).contains(section)) {
            missing.add(file + ":" + line(text, c.start()) + ": " + c.group(1) + " §" + section);
          }
        }
      }
      Matcher i = ITEM.matcher(text);
      while (i.find()) {
        if (!matches(NUMBERED, section(reference, i.group(1))).contains(i.group(2))) {
          missing.add(file + ":" + line(text, i.start()) + ": reference " + i.group());
        }
      }
      check(OPEN_QUESTION, text, openQuestions, file, "reference ", missing);
      check(STYLE_ITEM, text, styleItems, file, "", missing);
      Matcher d = DOC.matcher(text);
      while (d.find()) {
        if (!Files.isRegularFile(ROOT.resolve("docs").resolve(d.group(1)))) {
          missing.add(file + ":" + line(text, d.start()) + ": " + d.group());
        }
      }
    }
    assertThat(cited).as("section citations found").isGreaterThan(100);
    assertThat(missing).as("cited but not in the documents").isEmpty();
  }

  private static void check(
      Pattern p, String text, Set<String> known, String file, String prefix, List<String> missing) {
    Matcher m = p.matcher(text);
    while (m.find()) {
      if (!known.contains(m.group(1))) {
        missing.add(file + ":" + line(text, m.start()) + ": " + prefix + m.group());
      }
    }
  }

  /** The text of section {@code number} of a document: from its heading to the next heading. */
  private static String section(String doc, String number) {
    Matcher h = Pattern.compile("(?m)^#+ " + Pattern.quote(number) + "\\.? ").matcher(doc);
    if (!h.find()) {
      return "";
    }
    Matcher next = Pattern.compile("(?m)^#").matcher(doc);
    int end = next.find(h.end()) ? next.start() : doc.length();
    return doc.substring(h.end(), end);
  }

  private static Set<String> matches(Pattern p, String text) {
    Set<String> out = new TreeSet<>();
    Matcher m = p.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static boolean scanned(Path p) {
    String rel = relative(p);
    if (rel.startsWith(".git/") || rel.contains("/target/") || rel.startsWith("target/")) {
      return false;
    }
    if (rel.startsWith("data/")
        && !rel.equals("data/README.md")
        && !rel.startsWith("data/example/")) {
      return false;
    }
    String name = p.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return TEXT.contains(dot <= 0 ? "" : name.substring(dot + 1));
  }

  private static String relative(Path p) {
    return ROOT.relativize(p.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  private static boolean containsNul(byte[] bytes) {
    for (byte b : bytes) {
      if (b == 0) {
        return true;
      }
    }
    return false;
  }

  private static int line(String text, int offset) {
    return (int) text.substring(0, offset).chars().filter(ch -> ch == '\n').count() + 1;
  }
}
