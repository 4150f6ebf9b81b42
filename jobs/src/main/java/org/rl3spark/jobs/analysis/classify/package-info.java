/**
 * The {@code qclassify} classifier, one of the two places in jobs that use DL4J and ND4J (the other
 * is the train job's dl4j-spark fitter): a multi-layer perceptron classifier (one hidden ReLU
 * layer, softmax output, cross-entropy, Adam) trained on plain Java arrays, single-JVM ({@link
 * org.rl3spark.jobs.analysis.classify.MlpClassifier}) or with dl4j-spark's parameter averaging over
 * Spark executors ({@link org.rl3spark.jobs.analysis.classify.ParameterAveraging}). Callers pass
 * {@code float[][]} features and {@code int[]} labels and get accuracies back; no ND4J type leaves
 * this package.
 */
package org.rl3spark.jobs.analysis.classify;
