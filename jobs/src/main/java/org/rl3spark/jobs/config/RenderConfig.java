package org.rl3spark.jobs.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.rl3spark.core.policy.PolicySpec;
import org.rl3spark.core.task.Split;
import org.rl3spark.envs.grid.GridFamily;
import org.rl3spark.envs.grid.GridVariant;

/**
 * The {@code render} block: one meta-episode of one policy on one GridWorld task, drawn as PNG
 * snapshots (the paper's Fig. 4).
 *
 * @param name output directory name below {@code <output.dir>/render/}
 * @param variant the GridWorld variant ({@code family.gridworld}'s other settings apply)
 * @param split the split of the task: test or ood (held-out tasks), or train
 * @param taskIndex index of the task in its split, ≥ 0
 * @param budget the budget H in steps, ≥ 1 (upper bound: {@link Limits#RENDER_BUDGET})
 * @param policy a GridWorld policy spec as {@code evaluate} accepts it ({@code random}, {@code
 *     oracle}), or {@code checkpoint:<dir>} (a checkpoint, or a training run's directory: its
 *     newest valid checkpoint)
 * @param steps the steps t at which to draw a snapshot (before the action of step t; t = H is the
 *     end of the meta-episode), each in [0, budget], distinct; kept ascending
 * @param tileSize ({@code tile-size}) pixels per tile, ≥ {@value #MIN_TILE} (upper bound: {@link
 *     Limits#RENDER_TILE_SIZE})
 */
public record RenderConfig(
    String name,
    String variant,
    Split split,
    long taskIndex,
    int budget,
    String policy,
    List<Integer> steps,
    int tileSize) {

  /** Smallest tile. */
  public static final int MIN_TILE = 12;

  /** Prefix of a trained policy. */
  public static final String CHECKPOINT_PREFIX = CheckpointPolicies.PREFIX;

  /** Validates the fields, lists every problem, and sorts the steps. */
  public RenderConfig {
    steps = steps == null ? null : steps.stream().sorted().toList();
    InvalidFields.Checker check = new InvalidFields.Checker();
    check(check, name, variant, taskIndex, budget, policy, steps, tileSize);
    check.require(split != null, "split", "must be one of train, test, ood");
    check.throwIfAny();
  }

  /** Whether the policy is a trained checkpoint. */
  public boolean isCheckpoint() {
    return policy.startsWith(CHECKPOINT_PREFIX);
  }

  /** The checkpoint path of a {@code checkpoint:} policy. */
  public String checkpointPath() {
    if (!isCheckpoint()) {
      throw new IllegalStateException("policy " + policy + " is not a checkpoint");
    }
    return policy.substring(CHECKPOINT_PREFIX.length()).trim();
  }

  /**
   * Records the problems of the fields that could be read (null = unread, not checked).
   *
   * @param check where problems go, keyed by the field's config key
   */
  static void check(
      InvalidFields.Checker check,
      String name,
      String variant,
      Long taskIndex,
      Integer budget,
      String policy,
      List<Integer> steps,
      Integer tileSize) {
    if (name != null) {
      check.require(RolloutConfig.isPlainName(name), "name", RolloutConfig.notPlain(name));
    }
    if (variant != null) {
      try {
        GridVariant.parse(variant);
      } catch (IllegalArgumentException e) {
        check.require(false, "variant", e.getMessage());
      }
    }
    if (taskIndex != null) {
      check.require(taskIndex >= 0, "task-index", "must be >= 0, got " + taskIndex);
    }
    if (budget != null) {
      check.require(
          budget >= 1,
          "budget",
          "must be in [1, " + Limits.RENDER_BUDGET.soft() + "] steps, got " + budget);
      check.withinHard(Limits.RENDER_BUDGET, "budget", budget);
    }
    if (policy != null) {
      if (policy.startsWith(CHECKPOINT_PREFIX)) {
        check.require(
            !policy.substring(CHECKPOINT_PREFIX.length()).isBlank(),
            "policy",
            "checkpoint: needs a directory, e.g. checkpoint:data/train/grid-rl3");
      } else {
        try {
          PolicySpec spec = PolicySpec.parse(policy);
          check.require(
              spec.expand().size() == 1,
              "policy",
              "'" + policy + "' lists alternatives: render plays exactly one policy");
          if (spec.expand().size() == 1) {
            PolicyChecks.canonicalName(spec, GridFamily.NAME);
          }
        } catch (IllegalArgumentException e) {
          check.require(
              false, "policy", e.getMessage() + " (or checkpoint:<dir> for a trained agent)");
        }
      }
    }
    if (steps != null) {
      // One message per key: the loader reports a key once.
      List<String> problems = new ArrayList<>();
      if (steps.isEmpty()) {
        problems.add("must list at least one step, e.g. [0, 100]");
      }
      Limits.RENDER_SNAPSHOTS.problem(steps.size(), true).ifPresent(problems::add);
      if (new HashSet<>(steps).size() != steps.size()) {
        problems.add("lists a step twice");
      }
      if (budget != null) {
        for (int t : steps) {
          if (t < 0 || t > budget) {
            problems.add("every step must be in [0, budget = " + budget + "], got " + t);
            break;
          }
        }
      }
      check.require(problems.isEmpty(), "steps", String.join("; ", problems));
    }
    if (tileSize != null) {
      check.require(
          tileSize >= MIN_TILE,
          "tile-size",
          "must be in ["
              + MIN_TILE
              + ", "
              + Limits.RENDER_TILE_SIZE.soft()
              + "] pixels, got "
              + tileSize);
      check.withinHard(Limits.RENDER_TILE_SIZE, "tile-size", tileSize);
    }
  }
}
