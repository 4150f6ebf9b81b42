/**
 * Procedurally generated GridWorlds (reference §1.3): the generator with its rejection rule, tiles
 * and rewards, slip dynamics, the named variations and a text rendering.
 */
package org.rl3spark.envs.grid;
