/**
 * The notebooks' runtime: the Java kernel's launcher without its start-up races ({@link
 * org.rl3spark.notebooks.KernelLauncher}), SQL over the jobs' Parquet and CSV outputs with an
 * in-process DuckDB ({@link org.rl3spark.notebooks.Nb}, {@link org.rl3spark.notebooks.Table}) and
 * chart conventions ({@link org.rl3spark.notebooks.Plots}). Notebooks only read {@code data/}; no
 * other module depends on this one.
 */
package org.rl3spark.notebooks;
