package org.rl3spark.bench;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.autodiff.listeners.profiler.ProfilingListener;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.rl3spark.learner.dl4j.Networks;
import org.rl3spark.learner.dl4j.Nd4jThreads;

/**
 * Where the PPO update's time goes, op by op: attaches SameDiff's {@link ProfilingListener} to the
 * fused transformer body of the benchmark actor ({@link UpdateMinibatch}), runs warm-up and
 * measured fits, and prints the time per fit of each op type (the body is everything between the
 * input and the output layer, i.e. nearly all of the update). Not a JMH benchmark: a diagnostic
 * for the per-op table in BENCHMARKS.md.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.rl3spark.bench.UpdateOpProfile [warm-up fits] [measured fits]</pre>
 */
public final class UpdateOpProfile {

  private UpdateOpProfile() {}

  public static void main(String[] args) throws Exception {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int measured = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    Nd4jThreads.set(1);
    ComputationGraph actor = UpdateMinibatch.actor();
    MultiDataSet mb = UpdateMinibatch.minibatch();
    for (int i = 0; i < warmup; i++) {
      actor.fit(mb);
    }
    File trace = File.createTempFile("update-ops", ".json");
    Files.delete(trace.toPath()); // the listener insists on creating its file
    ProfilingListener listener = ProfilingListener.builder(trace).recordAll().build();
    bodySameDiff(actor).setListeners(listener);
    long t0 = System.nanoTime();
    for (int i = 0; i < measured; i++) {
      actor.fit(mb);
    }
    double fitMs = (System.nanoTime() - t0) / 1e6 / measured;
    bodySameDiff(actor).setListeners();
    while (!listener.getWriteQueue().isEmpty()) { // the listener writes on a background thread
      Thread.sleep(50);
    }
    Thread.sleep(200);
    listener.getWriter().flush();
    print(trace, measured, fitMs);
  }

  /** The SameDiff instance inside DL4J's wrapper of the fused body layer (created on first use). */
  private static SameDiff bodySameDiff(ComputationGraph g) throws ReflectiveOperationException {
    Layer body = g.getLayer(Networks.BODY);
    Field f = org.deeplearning4j.nn.layers.samediff.SameDiffLayer.class.getDeclaredField("sameDiff");
    f.setAccessible(true);
    return (SameDiff) f.get(body);
  }

  private static void print(File trace, int fits, double fitMs) throws IOException {
    String text = Files.readString(trace.toPath()).strip();
    if (text.endsWith(",")) {
      text = text.substring(0, text.length() - 1);
    }
    if (!text.endsWith("]")) {
      text = text + "]";
    }
    Map<String, double[]> byOp = new LinkedHashMap<>();
    double total = 0;
    for (JsonNode e : new ObjectMapper().readTree(text)) {
      if (!"X".equals(e.path("ph").asText())) {
        continue;
      }
      double us = e.path("dur").asDouble();
      byOp.computeIfAbsent(e.path("name").asText(), k -> new double[2])[0] += us;
      byOp.get(e.path("name").asText())[1]++;
      total += us;
    }
    List<Map.Entry<String, double[]>> rows = new ArrayList<>(byOp.entrySet());
    rows.sort((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]));
    System.out.printf("fit: %.1f ms wall per fit; ops of the body: %.1f ms per fit%n", fitMs,
        total / 1000 / fits);
    System.out.println("| op | ms per fit | share | calls per fit |");
    System.out.println("|---|---:|---:|---:|");
    for (Map.Entry<String, double[]> r : rows) {
      double ms = r.getValue()[0] / 1000 / fits;
      if (ms < 0.5) {
        continue;
      }
      System.out.printf("| %s | %.1f | %.1f%% | %.0f |%n", r.getKey(), ms,
          100 * r.getValue()[0] / total, r.getValue()[1] / fits);
    }
    Files.deleteIfExists(trace.toPath());
  }
}
