/** Random tabular MDPs (reference §1.2; Duan et al.'s RL² setup). */
package org.rl3spark.envs.mdp;
