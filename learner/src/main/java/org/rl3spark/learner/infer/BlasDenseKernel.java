package org.rl3spark.learner.infer;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A dense layer whose product runs on ND4J's BLAS: the input rows are copied into an off-heap
 * matrix of {@link #CHUNK} rows, multiplied by the weights with one sgemm of always the same shape
 * into an off-heap output, and read back; the bias and activation are applied in Java.
 *
 * <p>sgemm computes each row on its own, but the rounding of a row depends on its position in the
 * matrix (OpenBLAS's kernels treat row blocks differently), so a row is always placed at the same
 * position: the row of global index g (the env's index in the whole rollout) sits at position g mod
 * CHUNK of its chunk, the rest of a partly filled chunk being zeros. A row's result then depends
 * only on its input and its index, never on the batch it shares a kernel with — which is what keeps
 * a rollout's actions independent of how its envs were partitioned. The off-heap matrices belong to
 * this kernel (one per actor and layer), so concurrent actors on the threads of an executor never
 * share them.
 */
final class BlasDenseKernel implements DenseKernel {

  /** Rows per sgemm call. */
  static final int CHUNK = 32;

  /**
   * Fewest multiply-adds per call (CHUNK · nIn · nOut) for the native product: below this the
   * ~15–40 µs of the native call outweigh the Java loop (measured on the development machine).
   */
  static final long MIN_MULTIPLY_ADDS = 16_384;

  private final DenseWeights w;
  private final int rows;
  private final int firstIndex;
  private final INDArray in;
  private final INDArray weights;
  private final INDArray out;
  private final FloatBuffer inView;
  private final FloatBuffer outView;
  private final float[] zeros;

  BlasDenseKernel(DenseWeights w, int rows, int firstIndex) {
    if (firstIndex < 0) {
      throw new IllegalArgumentException("first row index must be >= 0, got " + firstIndex);
    }
    this.w = w;
    this.rows = rows;
    this.firstIndex = firstIndex;
    this.in = Nd4j.create(DataType.FLOAT, new long[] {CHUNK, w.nIn()}, 'c');
    this.weights = Nd4j.create(w.w(), new long[] {w.nIn(), w.nOut()}, 'c');
    this.out = Nd4j.create(DataType.FLOAT, new long[] {CHUNK, w.nOut()}, 'c');
    this.inView = view(in);
    this.outView = view(out);
    this.zeros = new float[CHUNK * w.nIn()];
  }

  /** Whether a layer is large enough for the native product. */
  static boolean worthIt(DenseWeights w) {
    return (long) CHUNK * w.nIn() * w.nOut() >= MIN_MULTIPLY_ADDS;
  }

  @Override
  public void apply(float[] x, float[] y) {
    int nIn = w.nIn();
    int nOut = w.nOut();
    int from = 0;
    while (from < rows) {
      int pos = (firstIndex + from) % CHUNK;
      int m = Math.min(CHUNK - pos, rows - from);
      if (m < CHUNK) {
        inView.put(0, zeros);
      }
      inView.put(pos * nIn, x, from * nIn, m * nIn);
      Nd4j.gemm(in, weights, out, false, false, 1.0, 0.0);
      outView.get(pos * nOut, y, from * nOut, m * nOut);
      from += m;
    }
    float[] b = w.b();
    for (int r = 0; r < rows; r++) {
      int o = r * nOut;
      for (int j = 0; j < nOut; j++) {
        y[o + j] += b[j];
      }
    }
    w.activate(y, rows);
  }

  private static FloatBuffer view(INDArray a) {
    return a.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
  }
}
