package org.rl3spark.core.ppo;

import org.rl3spark.core.random.Categorical;

/**
 * The clipped-surrogate PPO loss with entropy bonus, per position, and its gradient with respect to
 * the logits z of the policy π = softmax(z) (reference §5.4).
 *
 * <p>With r = π(a)/π_old(a) (a ratio of probabilities), the per-position loss is L = −min(r·A,
 * clip(r, 1−ε, 1+ε)·A) − c·H(π), H(π) = −Σ_j π_j log π_j, and ∂L/∂z_j = −g·r·(δ_ja − π_j) +
 * c·π_j·(log π_j + H), where g = A if the unclipped term is the minimum (it is when r·A ≤
 * clip(r)·A) and 0 otherwise. Every position carries a weight; the reference averages over the
 * minibatch's positions, so weights are 1/(positions) (times whatever scale the caller's framework
 * divides by).
 */
public final class PpoLossMath {

  private PpoLossMath() {}

  /**
   * Loss of one position, and its gradient into {@code grad} (may be null).
   *
   * @param logits z, length n, from {@code zOff}
   * @param action the action taken
   * @param advantage A (normalised)
   * @param oldLogProb log π_old(a)
   * @param entropyCoef c ≥ 0
   * @param clip ε
   * @param weight multiplies loss and gradient
   * @param grad output ∂(weight·L)/∂z, length n from {@code gOff}, or null
   * @return weight·L
   */
  public static double position(
      double[] logits,
      int zOff,
      int n,
      int action,
      double advantage,
      double oldLogProb,
      double entropyCoef,
      double clip,
      double weight,
      double[] grad,
      int gOff) {
    double logSum = Categorical.logNormalizer(logits, zOff, n);
    double entropy = 0;
    for (int j = 0; j < n; j++) {
      double lp = logits[zOff + j] - logSum;
      entropy -= Math.exp(lp) * lp;
    }
    double logPa = logits[zOff + action] - logSum;
    double ratio = Math.exp(logPa - oldLogProb);
    double clipped = Math.min(Math.max(ratio, 1 - clip), 1 + clip);
    double unclippedTerm = ratio * advantage;
    double clippedTerm = clipped * advantage;
    double surrogate = Math.min(unclippedTerm, clippedTerm);
    double loss = -surrogate - entropyCoef * entropy;
    if (grad != null) {
      double g = unclippedTerm <= clippedTerm ? advantage : 0;
      for (int j = 0; j < n; j++) {
        double lp = logits[zOff + j] - logSum;
        double p = Math.exp(lp);
        double dRatio = ratio * ((j == action ? 1 : 0) - p);
        double dEntropy = -p * (lp + entropy);
        grad[gOff + j] = weight * (-g * dRatio - entropyCoef * dEntropy);
      }
    }
    return weight * loss;
  }

  /** log π(a) for logits z. */
  public static double logProb(double[] logits, int zOff, int n, int action) {
    return logits[zOff + action] - Categorical.logNormalizer(logits, zOff, n);
  }
}
