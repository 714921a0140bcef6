import * as tf from '@tensorflow/tfjs';

/**
 * NT-Xent, the normalised temperature-scaled cross-entropy of SimCLR (Chen et al., ICML 2020): `z` holds `2N`
 * projections, rows `i` and `i + N` being two views of the same window. Each row is L2-normalised; row `i`'s
 * loss is the cross-entropy of picking its partner among the other `2N - 1` rows with logits
 * `cos(z_i, z_k) / temperature`. Returns the mean over the `2N` rows.
 */
export function ntXentLoss(z: tf.Tensor2D, temperature: number): tf.Scalar {
  const rows = z.shape[0];
  if (rows < 4 || rows % 2 !== 0) {
    throw new RangeError(`ntXentLoss: expected an even number >= 4 of rows (two views each), got ${rows}`);
  }
  if (!(temperature > 0)) throw new RangeError(`ntXentLoss: temperature must be > 0, got ${temperature}`);
  const half = rows / 2;
  return tf.tidy(() => {
    const normalized = tf.div(z, tf.add(tf.norm(z, 'euclidean', 1, true), 1e-8));
    const similarity = tf.div(tf.matMul(normalized, normalized, false, true), temperature);
    // Exclude each row's similarity with itself.
    const logits = tf.sub(similarity, tf.mul(tf.eye(rows), 1e9));
    const partner = Array.from({ length: rows }, (_, i) => (i + half) % rows);
    const targets = tf.oneHot(tf.tensor1d(partner, 'int32'), rows);
    const positive = tf.sum(tf.mul(logits, targets), 1);
    return tf.mean(tf.sub(tf.logSumExp(logits, 1), positive)) as tf.Scalar;
  });
}
