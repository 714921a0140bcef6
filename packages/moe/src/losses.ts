import * as tf from '@tensorflow/tfjs';
import { MoeConfigError, MoeShapeError } from './errors.js';
import { topKMask } from './top-k-mask.js';

// Keeps CV² finite when every value is zero (as in the reference implementations).
const CV_EPSILON = 1e-10;

/**
 * Squared coefficient of variation of a vector: variance / (mean² + 1e-10), with the population variance
 * (divide by n), as in Shazeer et al.'s importance and load losses. 0 for a single value.
 */
export function cvSquared(values: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    if (values.size <= 1) return tf.scalar(0);
    const { mean, variance } = tf.moments(values);
    return tf.div(variance, tf.add(tf.square(mean), CV_EPSILON)) as tf.Scalar;
  });
}

/** The standard normal cumulative distribution function Φ(z) = (1 + erf(z / √2)) / 2, elementwise. */
export function normalCdf<T extends tf.Tensor>(z: T): T {
  return tf.tidy(() => tf.mul(0.5, tf.add(1, tf.erf(tf.div(z, Math.SQRT2)))) as T);
}

/**
 * The smooth load estimator of Shazeer et al. (2017): P(x, i), the probability that expert i is in the top k
 * for example x if its noise alone were drawn again. With H the (noisy) logits used for selection,
 * P(x, i) = Φ((clean_i − kthExcluding(H, k, i)) / noiseStd_i), where kthExcluding is the k-th largest value
 * of H without component i: the (k+1)-th largest of H when i is in the top k, the k-th otherwise.
 * Differentiable in `clean`, `noisy` and `noiseStd`. All three are [batch, E]; returns [batch, E].
 */
export function probabilityInTopK(
  clean: tf.Tensor2D,
  noisy: tf.Tensor2D,
  noiseStd: tf.Tensor2D,
  k: number,
): tf.Tensor2D {
  for (const [name, tensor] of [
    ['noisy logits', noisy],
    ['noise standard deviations', noiseStd],
  ] as const) {
    if (tensor.shape.join() !== clean.shape.join()) {
      throw new MoeShapeError(name, clean.shape, tensor.shape, 'it must match the clean logits');
    }
  }
  const numExperts = clean.shape[1];
  if (!Number.isInteger(k) || k < 1 || k > numExperts) {
    throw new MoeConfigError(
      'k',
      `must be an integer in [1, ${numExperts}] (the number of experts), got ${k}`,
    );
  }
  return tf.tidy(() => {
    // With k = E every expert is always selected.
    if (k === numExperts) return tf.onesLike(clean);
    // The r largest entries of each row, and the r-th largest value (through masks, so that gradients
    // reach `noisy`).
    const [topKMinusOne, topK, topKPlusOne] = [k - 1, k, k + 1].map((r) => topKMask(noisy, r));
    const kth = tf.sum(tf.mul(noisy, tf.sub(topK, topKMinusOne)), 1, true);
    const kPlusOneth = tf.sum(tf.mul(noisy, tf.sub(topKPlusOne, topK)), 1, true);
    // Threshold: the (k+1)-th largest for experts in the top k, the k-th largest for the others.
    const threshold = tf.add(kth, tf.mul(topK, tf.sub(kPlusOneth, kth)));
    return normalCdf(tf.div(tf.sub(clean, threshold), noiseStd)) as tf.Tensor2D;
  });
}

/**
 * The load-balancing loss of Switch Transformers: E · Σᵢ fᵢ · Pᵢ, where fᵢ is the fraction of tokens whose
 * first choice is expert i (before any capacity limit) and Pᵢ the mean router probability of expert i.
 * Equals 1 under perfectly uniform routing. Differentiable in `probs` (fᵢ is a constant).
 * @param probs router probabilities [tokens, E]
 * @param firstChoice the first-choice expert of each token
 */
export function loadBalancingLoss(probs: tf.Tensor2D, firstChoice: ArrayLike<number>): tf.Scalar {
  const [tokens, numExperts] = probs.shape;
  if (firstChoice.length !== tokens) {
    throw new MoeShapeError('first choices', [tokens], [firstChoice.length], 'one expert index per token');
  }
  const fraction = new Float32Array(numExperts);
  for (let t = 0; t < tokens; t++) fraction[firstChoice[t]] += 1 / tokens;
  return tf.tidy(
    () => tf.mul(numExperts, tf.sum(tf.mul(tf.tensor1d(fraction), tf.mean(probs, 0)))) as tf.Scalar,
  );
}

/** The router z-loss of ST-MoE (Zoph et al. 2022): the mean over tokens of logsumexp(logits)². */
export function routerZLoss(logits: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.square(tf.logSumExp(logits, 1))) as tf.Scalar);
}
