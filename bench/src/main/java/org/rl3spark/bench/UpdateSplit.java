package org.rl3spark.bench;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.random.Seeds;
import org.rl3spark.learner.dl4j.DirectTransformerBodyLayer;
import org.rl3spark.learner.dl4j.Nd4jThreads;
import org.rl3spark.learner.dl4j.Networks;
import org.rl3spark.learner.dl4j.TransformerBodyLayer;

/**
 * Where the PPO update's time goes: the whole fit of the benchmark actor ({@link UpdateMinibatch}),
 * its transformer body's forward pass and forward + backward pass on their own (the rest of the fit
 * is the output layer, the PPO loss, Adam and DL4J's bookkeeping), and the same fit with the
 * SameDiff body ({@link TransformerBodyLayer}) the direct body replaced. Not a JMH benchmark: a
 * diagnostic for the split in BENCHMARKS.md; medians of the measured repeats.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.rl3spark.bench.UpdateSplit [warm-up] [measured]
 * </pre>
 */
public final class UpdateSplit {

  private UpdateSplit() {}

  public static void main(String[] args) {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int measured = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    Nd4jThreads.set(1);
    MultiDataSet mb = UpdateMinibatch.minibatch();
    ComputationGraph direct = UpdateMinibatch.actor();
    ComputationGraph sameDiff =
        Networks.init(
            ComputationGraphConfiguration.fromJson(
                direct
                    .getConfiguration()
                    .toJson()
                    .replace(
                        DirectTransformerBodyLayer.class.getName(),
                        TransformerBodyLayer.class.getName())));
    sameDiff.setParams(direct.params());

    Layer body = direct.getLayer(Networks.BODY);
    INDArray x = mb.getFeatures(0);
    LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();
    long[] outShape = {
      x.size(0), body.getParam(TransformerBodyLayer.key(0, "Wo")).size(0), x.size(2)
    };
    Rng rng = Seeds.rng(1, "bench/update-split");
    float[] e = new float[(int) (outShape[0] * outShape[1] * outShape[2])];
    for (int i = 0; i < e.length; i++) {
      e[i] = (float) rng.nextGaussian();
    }
    INDArray eps = Nd4j.create(e, outShape, 'c');
    double fit = median(warmup, measured, () -> direct.fit(mb));
    double forward =
        median(
            warmup,
            measured,
            () -> {
              body.setInput(x, ws);
              body.activate(true, ws);
            });
    double both =
        median(
            warmup,
            measured,
            () -> {
              body.setInput(x, ws);
              body.activate(true, ws);
              body.backpropGradient(eps, ws);
            });
    double reference = median(warmup / 2, measured / 2, () -> sameDiff.fit(mb));
    System.out.printf("| part | ms |%n|---|---:|%n");
    System.out.printf("| whole fit (direct body) | %.1f |%n", fit);
    System.out.printf("| body forward | %.1f |%n", forward);
    System.out.printf("| body backward | %.1f |%n", both - forward);
    System.out.printf("| rest of the fit (output layer, loss, Adam, DL4J) | %.1f |%n", fit - both);
    System.out.printf("| whole fit (SameDiff body) | %.1f |%n", reference);
  }

  private static double median(int warmup, int measured, Runnable r) {
    for (int i = 0; i < warmup; i++) {
      r.run();
    }
    double[] ms = new double[measured];
    for (int i = 0; i < measured; i++) {
      long t0 = System.nanoTime();
      r.run();
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    java.util.Arrays.sort(ms);
    return ms[measured / 2];
  }
}
