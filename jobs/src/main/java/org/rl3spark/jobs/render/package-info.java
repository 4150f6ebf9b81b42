/**
 * The {@code render} job: one meta-episode of a policy on one GridWorld task, replayed with a VAMDP
 * alongside and drawn as PNG snapshots (grid, agent, value estimates), as in the paper's Fig. 4.
 * {@link org.rl3spark.jobs.render.GridReplay} plays (pure Java, no Spark), {@link
 * org.rl3spark.jobs.render.GridPainter} draws (java.awt, headless), {@link
 * org.rl3spark.jobs.render.RenderJob} publishes.
 */
package org.rl3spark.jobs.render;
