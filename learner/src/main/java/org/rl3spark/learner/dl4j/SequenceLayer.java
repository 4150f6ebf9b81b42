package org.rl3spark.learner.dl4j;

import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;

/**
 * Base of the layers that map sequences [mb, nIn, T] to sequences [mb, nOut, T] with a fixed
 * sequence length T (taken from the input type). Shorter sequences are right-padded by the caller:
 * every layer here is causal, so padding never changes earlier outputs.
 *
 * <p>Subclasses keep a no-argument constructor and bean accessors so that the configuration
 * round-trips through JSON (how Spark ships it).
 */
public abstract class SequenceLayer extends SameDiffLayer {

  /** Whether the DL4J M2.x gradient fix is applied (always, except in the test that shows why). */
  protected boolean gradientFix = true;

  /** Sequence length T, from the input type. */
  protected long sequenceLength;

  /** For JSON. */
  protected SequenceLayer() {}

  /** Output feature size for input feature size {@code nIn}. */
  protected abstract long outputSize(long nIn);

  /** Records the input size. */
  protected abstract void inputSize(long nIn);

  @Override
  public InputType getOutputType(int layerIndex, InputType inputType) {
    InputType.InputTypeRecurrent r = recurrent(inputType);
    return InputType.recurrent(outputSize(r.getSize()), r.getTimeSeriesLength());
  }

  @Override
  public void setNIn(InputType inputType, boolean override) {
    InputType.InputTypeRecurrent r = recurrent(inputType);
    inputSize(r.getSize());
    sequenceLength = r.getTimeSeriesLength();
  }

  @Override
  public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
    return null;
  }

  private InputType.InputTypeRecurrent recurrent(InputType t) {
    if (!(t instanceof InputType.InputTypeRecurrent r) || r.getTimeSeriesLength() <= 0) {
      throw new IllegalStateException(
          getClass().getSimpleName()
              + " "
              + getLayerName()
              + " needs a recurrent input with a fixed length, got "
              + t);
    }
    return r;
  }

  public boolean isGradientFix() {
    return gradientFix;
  }

  public void setGradientFix(boolean gradientFix) {
    this.gradientFix = gradientFix;
  }

  public long getSequenceLength() {
    return sequenceLength;
  }

  public void setSequenceLength(long sequenceLength) {
    this.sequenceLength = sequenceLength;
  }
}
