package org.rl3spark.learner.net;

import java.io.Serializable;
import org.rl3spark.core.config.InvalidSettings;

/**
 * The sizes of an actor and its critic and the critic's weight decay (reference §4), the part of a
 * {@link NetworkSpec} that a training config chooses ({@code train.network}); the rest follows from
 * the task family, the algorithm and the budget.
 *
 * @param dModel transformer width d (64)
 * @param heads attention heads (4), dividing {@code dModel}
 * @param blocks decoder blocks (2)
 * @param ffSize feed-forward width (4·d = 256)
 * @param hidden width of the input MLP's first layer and of the Markov MLP's layers (256), and the
 *     LSTM's state size
 * @param criticL2 coupled L2 weight decay on every critic parameter (0.01)
 */
public record NetworkSizes(
    int dModel, int heads, int blocks, int ffSize, int hidden, double criticL2)
    implements Serializable {

  /** The reference's sizes (d 64, 4 heads, 2 blocks, FF 256, hidden 256, critic L2 0.01). */
  public static final NetworkSizes REFERENCE = new NetworkSizes(64, 4, 2, 256, 256, 0.01);

  /** Validates, naming each problem by its config key. */
  public NetworkSizes {
    new InvalidSettings.Checker()
        .require(dModel >= 1, "d-model", "must be >= 1, got " + dModel)
        .require(heads >= 1, "heads", "must be >= 1, got " + heads)
        .require(
            heads < 1 || dModel % heads == 0,
            "d-model",
            "must be a multiple of heads (" + heads + "), got " + dModel)
        .require(blocks >= 1, "blocks", "must be >= 1, got " + blocks)
        .require(ffSize >= 1, "ff-size", "must be >= 1, got " + ffSize)
        .require(hidden >= 1, "hidden", "must be >= 1, got " + hidden)
        .require(
            criticL2 >= 0 && Double.isFinite(criticL2),
            "critic-l2",
            "must be finite and >= 0, got " + criticL2)
        .throwIfAny();
  }
}
