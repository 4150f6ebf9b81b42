package org.rl3spark.envs.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import org.rl3spark.core.env.TabularEnv;
import org.rl3spark.core.task.Task;
import org.rl3spark.core.task.TaskFamily;
import org.rl3spark.envs.grid.GridFamily;
import org.rl3spark.envs.grid.GridTask;

/** The declared encoding of a tabular env's state, and the check that an observation obeys it. */
public enum StateEncoding {
  /** One-hot over the states (bandits: 2, random MDPs: S); reference §2.3. */
  ONE_HOT {
    @Override
    void check(float[] obs, int offset, TabularEnv env, Task task, String where) {
      int n = env.numStates();
      assertThat(env.observationSize()).as(where + ": one-hot length").isEqualTo(n);
      int ones = 0;
      for (int i = 0; i < n; i++) {
        float x = obs[offset + i];
        assertThat(x == 0f || x == 1f).as(where + ": one-hot entry %s = %s", i, x).isTrue();
        if (x == 1f) {
          ones++;
          assertThat(i).as(where + ": hot index is the current state").isEqualTo(env.state());
        }
      }
      assertThat(ones).as(where + ": number of ones in the one-hot block").isEqualTo(1);
    }
  },
  /** (row/side, col/side), 1-based, as floats (reference §1.3.6). */
  GRID_COORDINATES {
    @Override
    void check(float[] obs, int offset, TabularEnv env, Task task, String where) {
      int side = ((GridTask) task).side();
      assertThat(env.observationSize()).as(where + ": coordinate length").isEqualTo(2);
      int s = env.state();
      float row = obs[offset];
      float col = obs[offset + 1];
      for (float x : new float[] {row, col}) {
        int k = Math.round(x * side);
        assertThat(k).as(where + ": coordinate %s times side %s", x, side).isBetween(1, side);
        assertThat(x)
            .as(where + ": coordinate on the lattice {1/side..1}")
            .isEqualTo(k / (float) side);
      }
      assertThat(Math.round(row * side)).as(where + ": row of state " + s).isEqualTo(s / side + 1);
      assertThat(Math.round(col * side))
          .as(where + ": column of state " + s)
          .isEqualTo(s % side + 1);
    }
  };

  /**
   * The encoding a family's envs declare: grid coordinates for GridWorlds, one-hot otherwise (a
   * family with another encoding adds a constant here).
   */
  static StateEncoding of(TaskFamily family) {
    return family instanceof GridFamily ? GRID_COORDINATES : ONE_HOT;
  }

  /**
   * Checks the encoding block {@code obs[offset .. offset + size)} of {@code env}'s current state.
   *
   * @param task the task the env simulates
   * @param where a description for failure messages
   */
  abstract void check(float[] obs, int offset, TabularEnv env, Task task, String where);
}
