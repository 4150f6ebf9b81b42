/**
 * Network specifications (sizes, architecture, optimiser settings) and the arrays fed to the
 * networks (inputs and labels with their shapes) as plain records, independent of DL4J, so that
 * configs, checkpoints, jobs and the PPO update can name networks and their data without ND4J
 * types.
 */
package org.rl3spark.learner.net;
