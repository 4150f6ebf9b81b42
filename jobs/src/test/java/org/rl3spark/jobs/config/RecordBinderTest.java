package org.rl3spark.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rl3spark.core.task.Split;
import org.rl3spark.core.vamdp.QSource;

/** Binding blocks to records by component name, with every problem at its key path. */
class RecordBinderTest {

  /** A flat part of {@link Block}. */
  record Flat(int sizeLimit, double rate) {
    Flat {
      new InvalidFields.Checker()
          .require(sizeLimit >= 1, "size-limit", "must be >= 1, got " + sizeLimit)
          .require(rate > 0, "rate", "must be > 0, got " + rate)
          .throwIfAny();
    }
  }

  /** A nested part of {@link Block}. */
  record Inner(boolean on, long count) {}

  /** A block with every kind of component. */
  record Block(
      String name,
      Split split,
      QSource source,
      @Inline Flat flat,
      Inner inner,
      @Bookkeeping int keep,
      @Resolved String later) {
    Block {
      new InvalidFields.Checker()
          .require(!name.isEmpty(), "name", "must not be empty")
          .require(keep >= 0, "keep", "must be >= 0, got " + keep)
          .throwIfAny();
    }
  }

  private static final String GOOD =
      "name = a, split = ood, source = successor-cache, size-limit = 3, rate = 0.5,"
          + " inner { on = true, count = 7 }, keep = 2";

  private final List<ConfigProblem> problems = new ArrayList<>();

  private Block bind(String hocon) {
    Config block = ConfigFactory.parseString(hocon).resolve();
    return RecordBinder.bind(Block.class, block, "x", new ProblemSink(problems));
  }

  private List<String> messages() {
    return problems.stream().map(p -> p.path() + ": " + p.message()).toList();
  }

  @Test
  void everyComponentIsReadFromTheKeyOfItsName() {
    Block b = bind(GOOD);
    assertThat(problems).isEmpty();
    assertThat(b)
        .isEqualTo(
            new Block(
                "a",
                Split.OOD,
                QSource.SUCCESSOR_CACHE,
                new Flat(3, 0.5),
                new Inner(true, 7),
                2,
                null));
    assertThat(RecordBinder.key("klTarget")).isEqualTo("kl-target");
  }

  @Test
  void everyProblemIsReportedAtItsKeyPathInOnePass() {
    Block b =
        bind(
            "name = \"\", split = sideways, source = latest, size-limit = 0, rate = fast,"
                + " inner { on = maybe, count = 7 }, keep = -1");
    assertThat(b).isNull();
    assertThat(messages())
        .anySatisfy(m -> assertThat(m).startsWith("x.split: unknown split 'sideways'"))
        .anySatisfy(
            m ->
                assertThat(m)
                    .startsWith(
                        "x.source: must be one of latest_vi, successor_cache, got 'latest'"))
        .anySatisfy(m -> assertThat(m).startsWith("x.rate: wrong type: expected a number"))
        .anySatisfy(m -> assertThat(m).startsWith("x.inner.on: wrong type: expected a boolean"))
        .as("the constructors' problems with the components that could be read")
        .contains(
            "x.name: must not be empty",
            "x.keep: must be >= 0, got -1",
            "x.size-limit: must be >= 1, got 0")
        .as("not the placeholders' problems")
        .noneMatch(m -> m.startsWith("x.rate: must be"));
  }

  @Test
  void aMissingBlockAndAMissingKeyAreNamed() {
    assertThat(bind(GOOD.replace(" inner { on = true, count = 7 },", "").replace("name = a,", "")))
        .isNull();
    assertThat(messages())
        .containsExactlyInAnyOrder(
            "x.name: missing: this key is required", "x.inner: missing: this key is required");
  }

  @Test
  void anOverlayKeepsTheBaseWhereTheBlockIsNullOrSilent() {
    Flat base = new Flat(3, 0.5);
    ProblemSink sink = new ProblemSink(problems);
    assertThat(
            RecordBinder.overlay(
                base, ConfigFactory.parseString("size-limit = null, rate = 2"), "f", sink))
        .isEqualTo(new Flat(3, 2));
    assertThat(RecordBinder.overlay(base, ConfigFactory.empty(), "f", sink)).isEqualTo(base);
    assertThat(RecordBinder.overlay(base, ConfigFactory.parseString("rate = -1"), "f", sink))
        .isNull();
    assertThat(messages()).containsExactly("f.rate: must be > 0, got -1.0");
  }

  @Test
  void canonicalSettingsAreTheComponentsButBookkeeping() {
    Block b = bind(GOOD);
    assertThat(CanonicalSettings.of(RecordBinder.with(b, "later", "z"), "x"))
        .containsExactly(
            java.util.Map.entry("x.name", "a"),
            java.util.Map.entry("x.split", "ood"),
            java.util.Map.entry("x.source", "successor_cache"),
            java.util.Map.entry("x.size-limit", "3"),
            java.util.Map.entry("x.rate", "0.5"),
            java.util.Map.entry("x.inner.on", "true"),
            java.util.Map.entry("x.inner.count", "7"),
            java.util.Map.entry("x.later", "z"));
    assertThat(CanonicalSettings.of(b, "x")).doesNotContainKey("x.later");
  }
}
