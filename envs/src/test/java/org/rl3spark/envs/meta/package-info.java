/** Tests of the core meta-episode (RL², RL³) on the real task families. */
package org.rl3spark.envs.meta;
