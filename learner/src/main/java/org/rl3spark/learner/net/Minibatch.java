package org.rl3spark.learner.net;

/**
 * One minibatch of a network's fit: its inputs and its labels (for the actor the PPO labels of
 * {@code dl4j.PpoLabels}, for the critic [target | weight]).
 *
 * @param features the network's input
 * @param labels the labels its loss reads
 */
public record Minibatch(ShapedArray features, ShapedArray labels) {}
