package org.rl3spark.learner.infer;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rl3spark.learner.net.Activations;

/**
 * A dense layer whose product runs on ND4J's BLAS: the input rows are copied into an off-heap
 * matrix, multiplied by the weights with one sgemm into an off-heap output, and read back, then
 * the bias and activation are applied in Java. The off-heap matrices belong to this kernel (one
 * per actor and layer), so concurrent actors on the threads of an executor never share them.
 */
final class BlasDenseKernel implements DenseKernel {

  /** Fewest rows for the native product (measured break-even: see {@link DenseKernel}). */
  static final int MIN_ROWS = 16;

  /** Fewest multiply-adds (rows · nIn · nOut) for the native product. */
  static final long MIN_MULTIPLY_ADDS = 16_384;

  private static final boolean AVAILABLE = cpuBackend();

  private final DenseWeights w;
  private final int rows;
  private final INDArray in;
  private final INDArray weights;
  private final INDArray out;
  private final FloatBuffer inView;
  private final FloatBuffer outView;

  BlasDenseKernel(DenseWeights w, int rows) {
    this.w = w;
    this.rows = rows;
    this.in = Nd4j.create(DataType.FLOAT, new long[] {rows, w.nIn()}, 'c');
    this.weights = Nd4j.create(w.w(), new long[] {w.nIn(), w.nOut()}, 'c');
    this.out = Nd4j.create(DataType.FLOAT, new long[] {rows, w.nOut()}, 'c');
    this.inView = view(in);
    this.outView = view(out);
  }

  /** Whether ND4J runs on the CPU, where its buffers are host memory that Java can view. */
  static boolean available() {
    return AVAILABLE;
  }

  @Override
  public void apply(float[] x, float[] y) {
    int nIn = w.nIn();
    int nOut = w.nOut();
    inView.put(0, x, 0, rows * nIn);
    Nd4j.gemm(in, weights, out, false, false, 1.0, 0.0);
    outView.get(0, y, 0, rows * nOut);
    float[] b = w.b();
    Activations act = w.activation();
    for (int r = 0; r < rows; r++) {
      int o = r * nOut;
      for (int j = 0; j < nOut; j++) {
        y[o + j] += b[j];
      }
      if (act != Activations.IDENTITY) {
        for (int j = 0; j < nOut; j++) {
          y[o + j] = act.apply(y[o + j]);
        }
      }
    }
  }

  private static FloatBuffer view(INDArray a) {
    return a.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
  }

  private static boolean cpuBackend() {
    try {
      return Nd4j.getBackend().getClass().getName().toLowerCase().contains("cpu");
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }
}
