package org.rl3spark.learner.dl4j;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * Reads and writes the values of a dense C-order float array (or a view of one: the parameter and
 * gradient views DL4J gives each layer) as one bulk copy of its native memory, without ND4J ops (a
 * C-order copy through ND4J is an op, a fresh buffer and a second copy). Only on the CPU backend
 * (see {@link DirectTransformerBody}).
 */
final class NativeFloats {

  private NativeFloats() {}

  /** The values of {@code a} in C order, or null if {@code a} is not dense C-order float memory. */
  static float[] read(INDArray a) {
    FloatPointer p = a.ordering() == 'c' || a.isVector() ? pointer(a) : null;
    if (p == null) {
      return null;
    }
    float[] v = new float[(int) a.length()];
    p.get(v, 0, v.length);
    return v;
  }

  /**
   * The first {@code n} values of a float data buffer in one bulk copy, or null if it is not float
   * memory of at least n values (any strides: for gathering a view's values in Java).
   */
  static float[] readData(DataBuffer d, int n) {
    FloatPointer p = d.dataType() == DataType.FLOAT && n >= 0 && d.length() >= n ? first(d) : null;
    if (p == null) {
      return null;
    }
    float[] v = new float[n];
    p.get(v, 0, n);
    return v;
  }

  /**
   * Writes {@code v} into {@code a} in a's order (C or F); false (nothing written) if {@code a} is
   * not dense float memory of v's length in its order.
   */
  static boolean write(float[] v, INDArray a) {
    if (a.length() != v.length) {
      return false;
    }
    FloatPointer p = pointer(a);
    if (p == null) {
      return false;
    }
    p.put(v, 0, v.length);
    return true;
  }

  /**
   * A pointer to the first value of {@code a} if its values are dense float memory in its own
   * order, else null. ND4J (1.0.0-M2) keeps a view's offset in its data buffer, a view of the
   * parent's memory whose address is the view's first value; an array whose offset is not its
   * buffer's is declined.
   */
  private static FloatPointer pointer(INDArray a) {
    if (a.dataType() != DataType.FLOAT
        || a.isEmpty()
        || a.length() > Integer.MAX_VALUE
        || !Shape.hasDefaultStridesForShape(a)
        || a.offset() != a.data().offset()
        || a.data().length() < a.length()) {
      return null;
    }
    return first(a.data());
  }

  /** A float pointer to a buffer's first value (its address: a view's first value), or null. */
  private static FloatPointer first(DataBuffer d) {
    Pointer base = d.addressPointer();
    if (base == null || base.isNull()) {
      return null;
    }
    return new FloatPointer(base).position(0);
  }
}
