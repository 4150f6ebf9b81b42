package org.rl3spark.jobs.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.rl3spark.core.task.TaskFamily;

/**
 * The {@code demo} block.
 *
 * @param count tasks per set, &gt; 0
 * @param sets the (family, split) sets, at least one, pairwise distinct in (family, variant, split)
 */
public record DemoConfig(long count, List<DemoSet> sets) {

  /** Validates the fields. */
  public DemoConfig {
    sets = List.copyOf(sets);
    InvalidFields.Checker check = new InvalidFields.Checker();
    check.require(count > 0, "count", "must be > 0, got " + count);
    check.require(!sets.isEmpty(), "sets", "must list at least one set");
    Set<String> seen = new HashSet<>();
    for (DemoSet s : sets) {
      TaskFamily f = s.taskFamily();
      String key = f.family() + "/" + f.variant() + "/" + s.split().id();
      check.require(
          seen.add(key), "sets", "lists " + key + " twice (each set writes its own directory)");
    }
    check.throwIfAny();
  }
}
