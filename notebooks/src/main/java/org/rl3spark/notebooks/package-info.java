/**
 * The notebooks' runtime: the Java kernel's launcher without its start-up races ({@link
 * org.rl3spark.notebooks.KernelLauncher}), checked reads of the jobs' published datasets ({@link
 * org.rl3spark.notebooks.Datasets} against a {@link org.rl3spark.notebooks.Schema}), SQL over them
 * with an in-process DuckDB ({@link org.rl3spark.notebooks.Nb}, {@link
 * org.rl3spark.notebooks.Table}), chart conventions ({@link org.rl3spark.notebooks.Plots}), and the
 * committed figures: an input root assembled from {@code results/} ({@link
 * org.rl3spark.notebooks.ResultsRoot}), figures saved by the notebooks ({@link
 * org.rl3spark.notebooks.Figures}) and their README ({@link org.rl3spark.notebooks.FiguresReadme}).
 * Notebooks only read; no other module depends on this one.
 */
package org.rl3spark.notebooks;
