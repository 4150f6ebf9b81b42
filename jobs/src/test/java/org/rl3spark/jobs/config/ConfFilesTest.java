package org.rl3spark.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.rl3spark.core.task.Split;

/** Every file under conf/ loads and validates as a production config (no testing hooks). */
class ConfFilesTest {

  private static Path confDir() {
    return Path.of(System.getProperty("rl3.repo.root", "..")).resolve("conf").normalize();
  }

  private static List<Path> allFiles() throws IOException {
    try (Stream<Path> s = Files.walk(confDir())) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Test
  void everyConfFileLoadsAndValidates() throws IOException {
    List<Path> confs = allFiles().stream().filter(p -> p.toString().endsWith(".conf")).toList();
    assertThat(confs).as("conf files found under " + confDir()).hasSizeGreaterThanOrEqualTo(10);
    for (Path p : confs) {
      Rl3Config c = ConfigLoader.load(p, withoutTrainedAgents(p), null, false).config();
      assertThat(c.testing()).as(p.toString()).isEqualTo(TestingConfig.NONE);
    }
  }

  /**
   * Evaluations of trained agents name checkpoints that exist only after training: those files are
   * validated with their classical policies (the checkpoint entries are checked by the evaluate
   * tests).
   */
  static List<String> withoutTrainedAgents(Path p) {
    com.typesafe.config.Config raw = com.typesafe.config.ConfigFactory.parseFile(p.toFile());
    if (!raw.hasPath("evaluate.policies")) {
      return List.of();
    }
    List<String> kept =
        raw.getStringList("evaluate.policies").stream()
            .filter(t -> !CheckpointPolicies.isCheckpoint(t))
            .map(t -> "\"" + t + "\"")
            .toList();
    return kept.size() == raw.getStringList("evaluate.policies").size()
        ? List.of()
        : List.of("evaluate.policies=[" + String.join(",", kept) + "]");
  }

  /**
   * The README's GPU recipe: a file at the repository root including an experiment and gpu.conf.
   */
  @Test
  void theReadmeGpuRecipeLoadsWithBothIncludes(@org.junit.jupiter.api.io.TempDir Path root)
      throws IOException {
    String readme = Files.readString(confDir().resolveSibling("README.md"));
    List<String> includes =
        java.util.regex.Pattern.compile("`(include required\\(\"conf/[^`]*)`")
            .matcher(readme)
            .results()
            .map(m -> m.group(1))
            .toList();
    assertThat(includes).as("the recipe's include lines in the README").hasSize(2);
    for (String f : List.of("train/bandits-h100-rl3.conf", "train/base/bandits.conf", "gpu.conf")) {
      Files.createDirectories(root.resolve("conf").resolve(f).getParent());
      Files.copy(confDir().resolve(f), root.resolve("conf").resolve(f));
    }
    Path recipe = root.resolve("my-gpu-run.conf");
    Files.writeString(recipe, String.join("\n", includes) + "\n");
    Rl3Config c = ConfigLoader.load(recipe, List.of(), null, false).config();
    assertThat(c.train().name()).isEqualTo("bandits-h100-rl3");
    assertThat(c.spark().conf()).containsEntry("spark.task.resource.gpu.amount", "1");
  }

  @Test
  void theOnlyOtherFileIsTheLoggingConfig() throws IOException {
    assertThat(allFiles().stream().filter(p -> !p.toString().endsWith(".conf")))
        .as("files under conf/ that are not validated as configs")
        .containsExactly(confDir().resolve("log4j2.properties"));
  }

  @Test
  void gridVariantFilesGenerateTheVariantTheirNameSays() throws IOException {
    for (String v : List.of("dense", "deterministic", "watery", "dangerous", "corner")) {
      Path p = confDir().resolve("tasks/gridworld-13x13-" + v + ".conf");
      Rl3Config c = ConfigLoader.load(p, List.of(), null, false).config();
      assertThat(c.tasksFamily().variant()).as(p.toString()).isEqualTo("13x13_" + v);
      assertThat(c.tasks().split()).as(p.toString()).isEqualTo(Split.OOD);
    }
    for (String v : List.of("11x11", "13x13")) {
      Rl3Config c =
          ConfigLoader.load(
                  confDir().resolve("tasks/gridworld-" + v + ".conf"), List.of(), null, false)
              .config();
      assertThat(c.tasksFamily().variant()).isEqualTo(v);
      assertThat(c.tasks().split()).isEqualTo(Split.TEST);
    }
  }

  @Test
  void demoConfHasTheElevenDefaultSets() {
    Rl3Config c =
        ConfigLoader.load(confDir().resolve("demo.conf"), List.of(), null, false).config();
    assertThat(c.demo().sets())
        .extracting(s -> s.taskFamily().variant() + "/" + s.split().id())
        .containsExactly(
            "k5/test",
            "k5/ood",
            "s10a5/test",
            "s10a5/ood",
            "11x11/test",
            "13x13/test",
            "13x13_dense/ood",
            "13x13_deterministic/ood",
            "13x13_watery/ood",
            "13x13_dangerous/ood",
            "13x13_corner/ood");
    assertThat(c.demo().count()).isEqualTo(1000);
  }
}
