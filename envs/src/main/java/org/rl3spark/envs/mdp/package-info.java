/** Random tabular MDPs (spec §1.2; Duan et al.'s RL² setup). */
package org.rl3spark.envs.mdp;
