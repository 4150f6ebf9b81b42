/**
 * Network specifications (sizes, architecture, optimiser settings) as plain records, independent
 * of DL4J, so that configs, checkpoints and jobs can name networks without ND4J types.
 */
package org.rl3spark.learner.net;
