package org.rl3spark.jobs.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rl3spark.envs.grid.GridVariant;

/**
 * Applies {@link Limits} to a resolved config, before the records are read. A key above its bound
 * is reported at its path; the readers then treat it as unreadable, so it is reported once, with
 * its own bound rather than the range of its Java type, and nothing is sized from it. Values that
 * cannot be read as integers are left to the readers, which report their types.
 */
final class LimitChecks {

  private final Config c;
  private final ProblemSink sink;
  private final long heapBytes;
  private boolean allowLarge;

  private LimitChecks(Config c, ProblemSink sink, long heapBytes) {
    this.c = c;
    this.sink = sink;
    this.heapBytes = heapBytes;
  }

  /**
   * Reports every key of {@code c} above its bound.
   *
   * @param heapBytes the driver's maximum heap (memory-bound keys are measured against it)
   */
  static void check(Config c, ProblemSink sink, long heapBytes) {
    new LimitChecks(c, sink, heapBytes).run();
  }

  private void run() {
    Boolean allow = new ConfigReader(c, "", sink).bool(Limits.ALLOW_LARGE);
    allowLarge = allow != null && allow;
    Limits.FIXED.forEach((key, bound) -> check(key, read(c, key), bound));
    checkList("evaluate.budgets", Limits.EVALUATE_BUDGET);
    ConfigValue steps = value(c, "render.steps");
    if (steps != null && steps.valueType() == ConfigValueType.LIST) {
      check("render.steps", (long) ((ConfigList) steps).size(), Limits.RENDER_SNAPSHOTS);
    }
    for (String name : FamiliesConfig.NAMES) {
      Config block = block(c, "family." + name);
      if (block != null) {
        checkFamily(name, block, block.root().keySet(), "family." + name);
      }
    }
    List<Sizes> demoSets = sets("demo.sets");
    sets("evaluate.sets");
    tasksCount();
    demoCount(demoSets);
    rolloutCount();
    trainEnvs();
  }

  /** The size keys of one family block (or set); null fields could not be read. */
  private record Sizes(
      String family, Long arms, Long states, Long actions, String variant, boolean reported) {

    /** Parquet bytes of one task row, or NaN if unknown. */
    double taskBytes() {
      if (reported) {
        return Double.NaN;
      }
      return switch (family) {
        case "bandits" -> positive(arms) ? Limits.banditTaskBytes(arms) : Double.NaN;
        case "mdps" ->
            positive(states) && positive(actions)
                ? Limits.mdpTaskBytes(states, actions)
                : Double.NaN;
        case "gridworld" -> side() > 0 ? Limits.gridTaskBytes(side()) : Double.NaN;
        default -> Double.NaN;
      };
    }

    /** e.g. {@code bandits/k5}. */
    String describe() {
      return family
          + "/"
          + switch (family) {
            case "bandits" -> "k" + arms;
            case "mdps" -> "s" + states + "a" + actions;
            default -> variant;
          };
    }

    long numActions() {
      return switch (family) {
        case "bandits" -> positive(arms) ? arms : -1;
        case "mdps" -> positive(actions) ? actions : -1;
        case "gridworld" -> Limits.gridActions();
        default -> -1;
      };
    }

    /** The inner env's observation width (bandits and grids: 2; MDPs: the state one-hot). */
    long stateEncoding() {
      return family.equals("mdps") ? (positive(states) ? states : -1) : 2;
    }

    private long side() {
      try {
        return variant == null ? -1 : GridVariant.parse(variant).params().side();
      } catch (IllegalArgumentException e) {
        return -1;
      }
    }

    private static boolean positive(Long x) {
      return x != null && x >= 1;
    }
  }

  /** Checks the keys of a family block given in {@code given}; returns its sizes. */
  private Sizes checkFamily(String name, Config block, Set<String> given, String label) {
    for (Map.Entry<String, Bound> e : Limits.FAMILY.getOrDefault(name, Map.of()).entrySet()) {
      if (given.contains(e.getKey())) {
        check(label + "." + e.getKey(), read(block, e.getKey()), e.getValue());
      }
    }
    Long states = null;
    Long actions = null;
    if (name.equals("mdps")) {
      states = read(block, "states");
      actions = read(block, "actions");
      if (given.contains("states") || given.contains("actions")) {
        check(label + ".states", states, Limits.mdpStates(actions == null ? 1 : actions));
      }
    }
    Long arms = name.equals("bandits") ? read(block, "arms") : null;
    String variant = name.equals("gridworld") ? string(block, "variant") : null;
    boolean reported = sink.touches(label) || sink.touches("family." + name);
    return new Sizes(name, arms, states, actions, variant, reported);
  }

  /**
   * Checks the family keys each set of a list overrides; returns the sets' sizes, or null if a set
   * could not be read.
   */
  private List<Sizes> sets(String path) {
    ConfigValue v = value(c, path);
    if (v == null || v.valueType() != ConfigValueType.LIST) {
      return null;
    }
    ConfigList list = (ConfigList) v;
    List<Sizes> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      ConfigValue e = list.get(i);
      String family =
          e.valueType() == ConfigValueType.OBJECT
              ? string(((ConfigObject) e).toConfig(), "family")
              : null;
      Config defaults = family == null ? null : block(c, "family." + family);
      if (defaults == null || !Limits.FAMILY.containsKey(family)) {
        out = null;
        continue;
      }
      ConfigObject set = (ConfigObject) e;
      Sizes s =
          checkFamily(
              family, set.toConfig().withFallback(defaults), set.keySet(), path + "[" + i + "]");
      if (out != null) {
        out.add(s);
      }
    }
    return out;
  }

  private void tasksCount() {
    String family = string(c, "tasks.family");
    Config block = family == null ? null : block(c, "family." + family);
    if (block == null || !Limits.FAMILY.containsKey(family)) {
      return;
    }
    Sizes s = checkedSizes(family, block);
    double bytes = s.taskBytes();
    if (!Double.isNaN(bytes)) {
      check("tasks.count", read(c, "tasks.count"), Limits.taskRows(s.describe() + " tasks", bytes));
    }
  }

  private void demoCount(List<Sizes> sets) {
    if (sets == null || sets.isEmpty()) {
      return;
    }
    double bytes = 0;
    for (Sizes s : sets) {
      bytes += s.taskBytes();
    }
    if (!Double.isNaN(bytes)) {
      check(
          "demo.count",
          read(c, "demo.count"),
          Limits.taskRows("one task of each of the " + sets.size() + " sets", bytes));
    }
  }

  private void rolloutCount() {
    Long budget = read(c, "rollout.budget");
    Long episodes = read(c, "rollout.episodes");
    if (budget != null
        && budget >= 1
        && episodes != null
        && episodes >= 1
        && !sink.isReported("rollout.budget")
        && !sink.isReported("rollout.episodes")) {
      check("rollout.count", read(c, "rollout.count"), Limits.rolloutCount(budget, episodes));
    }
  }

  private void trainEnvs() {
    Long horizon = read(c, "train.horizon");
    String family = string(c, "train.family");
    Config block = family == null ? null : block(c, "family." + family);
    if (horizon == null
        || horizon < 1
        || sink.isReported("train.horizon")
        || block == null
        || !Limits.FAMILY.containsKey(family)) {
      return;
    }
    Sizes s = checkedSizes(family, block);
    long actions = s.numActions();
    long encoding = s.stateEncoding();
    if (s.reported() || actions < 1 || encoding < 1) {
      return;
    }
    check(
        "train.envs",
        read(c, "train.envs"),
        Limits.trainEnvs(horizon, Limits.observationWidth(actions, encoding), actions, heapBytes));
  }

  /** The sizes of {@code family.<name>}, whose keys were checked already. */
  private Sizes checkedSizes(String name, Config block) {
    Long arms = name.equals("bandits") ? read(block, "arms") : null;
    Long states = name.equals("mdps") ? read(block, "states") : null;
    Long actions = name.equals("mdps") ? read(block, "actions") : null;
    String variant = name.equals("gridworld") ? string(block, "variant") : null;
    return new Sizes(name, arms, states, actions, variant, sink.touches("family." + name));
  }

  /** Checks every integer of a list against one bound, reporting the first at the list's path. */
  private void checkList(String path, Bound bound) {
    ConfigValue v = value(c, path);
    if (v == null || v.valueType() != ConfigValueType.LIST) {
      return;
    }
    for (ConfigValue e : (ConfigList) v) {
      if (e.valueType() == ConfigValueType.NUMBER
          && e.unwrapped() instanceof Number n
          && n.doubleValue() == Math.rint(n.doubleValue())) {
        check(path, (long) n.doubleValue(), bound);
      }
    }
  }

  private void check(String path, Long value, Bound bound) {
    if (value != null && !sink.isReported(path)) {
      bound.problem(value, allowLarge).ifPresent(m -> sink.add(path, m));
    }
  }

  /** An integer at {@code key} of {@code block}, or null if it is not one (left to the readers). */
  private static Long read(Config block, String key) {
    return new ConfigReader(block, "", scratch()).int64(key);
  }

  private static String string(Config block, String key) {
    return new ConfigReader(block, "", scratch()).string(key);
  }

  private static ConfigValue value(Config block, String key) {
    return new ConfigReader(block, "", scratch()).value(key);
  }

  private static Config block(Config block, String path) {
    try {
      return block.getConfig(path);
    } catch (ConfigException e) {
      return null;
    }
  }

  private static ProblemSink scratch() {
    return new ProblemSink(new ArrayList<>());
  }
}
