// Losses of a gate-weighted mixture of experts, one task at a time. Every function takes the gate weights
// [B, E] (rows sum to 1), the experts' raw outputs [B, E, K] (standardised predictions for regression, logits
// otherwise), the targets [B, K] and a mask [B] that is 0 where the target is unknown, and returns the mean loss
// over the known examples (0 when there is none). Call them inside tf.tidy / tf.variableGrads.
import * as tf from '@tensorflow/tfjs';

/** Options of a regression loss. */
export interface RegressionLossOptions {
  /** 'mse' (default) or 'huber' (PyTorch's HuberLoss: 0.5·r² for |r| <= delta, delta·(|r| − 0.5·delta) beyond). */
  loss?: 'mse' | 'huber';
  /** Huber threshold, in the units of the (standardised) targets. Default 1. */
  huberDelta?: number;
}

/** Mean of per-example losses [B] over the examples whose mask is 1; 0 when the mask is all 0. */
export function maskedMean(perExample: tf.Tensor1D, mask: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.div(tf.sum(tf.mul(perExample, mask)), tf.maximum(tf.sum(mask), 1)) as tf.Scalar);
}

/** The mixture's prediction: Σₑ gₑ · outputₑ, [B, E, K] -> [B, K]. */
export function mixturePrediction(gateWeights: tf.Tensor2D, expertOutputs: tf.Tensor3D): tf.Tensor2D {
  return tf.tidy(() => tf.sum(tf.mul(tf.expandDims(gateWeights, 2), expertOutputs), 1) as tf.Tensor2D);
}

/**
 * log Σₑ gₑ · exp(logProbₑ) over the expert axis (1), computed stably (the largest log-probability is factored
 * out): the log-likelihood of a mixture from each expert's log-likelihood. [B, E, ...] -> [B, ...].
 */
export function logMixture(gateWeights: tf.Tensor2D, logProbs: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    let g: tf.Tensor = gateWeights;
    while (g.rank < logProbs.rank) g = tf.expandDims(g, -1);
    const top = tf.max(logProbs, 1, true);
    const scaled = tf.sum(tf.mul(g, tf.exp(tf.sub(logProbs, top))), 1);
    // The epsilon keeps the log finite when the best expert's gate weight underflows.
    return tf.add(tf.squeeze(top, [1]), tf.log(tf.add(scaled, 1e-30)));
  });
}

/**
 * MSE or Huber loss of the mixture's prediction Σₑ gₑ·ŷₑ against the (standardised) target.
 * Outputs [B, E, 1], targets [B, 1].
 */
export function regressionMixtureLoss(
  gateWeights: tf.Tensor2D,
  expertOutputs: tf.Tensor3D,
  targets: tf.Tensor2D,
  mask: tf.Tensor1D,
  options: RegressionLossOptions = {},
): tf.Scalar {
  return tf.tidy(() => {
    const residual = tf.sub(mixturePrediction(gateWeights, expertOutputs), targets).reshape([-1]);
    let perExample: tf.Tensor;
    if ((options.loss ?? 'mse') === 'mse') {
      perExample = tf.square(residual);
    } else {
      const delta = options.huberDelta ?? 1;
      const absolute = tf.abs(residual);
      const quadratic = tf.minimum(absolute, delta);
      // 0.5·q² + delta·(|r| − q): equals 0.5·r² inside the threshold and delta·(|r| − 0.5·delta) outside.
      perExample = tf.add(tf.mul(0.5, tf.square(quadratic)), tf.mul(delta, tf.sub(absolute, quadratic)));
    }
    return maskedMean(perExample as tf.Tensor1D, mask);
  });
}

/**
 * Cross-entropy of the mixture of the experts' class probabilities: −log Σₑ gₑ · softmax(logitsₑ)[y].
 * Logits [B, E, C], one-hot targets [B, C].
 */
export function classificationMixtureLoss(
  gateWeights: tf.Tensor2D,
  expertLogits: tf.Tensor3D,
  oneHotTargets: tf.Tensor2D,
  mask: tf.Tensor1D,
): tf.Scalar {
  return tf.tidy(() => {
    const logProbs = tf.logSoftmax(expertLogits);
    const ofTarget = tf.sum(tf.mul(logProbs, tf.expandDims(oneHotTargets, 1)), 2);
    return maskedMean(tf.neg(logMixture(gateWeights, ofTarget)) as tf.Tensor1D, mask);
  });
}

/**
 * Binary cross-entropy of the mixture of the experts' label probabilities, p = Σₑ gₑ · sigmoid(logitsₑ), averaged
 * over the labels. Logits [B, E, L], 0/1 targets [B, L].
 */
export function multilabelMixtureLoss(
  gateWeights: tf.Tensor2D,
  expertLogits: tf.Tensor3D,
  targets: tf.Tensor2D,
  mask: tf.Tensor1D,
): tf.Scalar {
  return tf.tidy(() => {
    // log p and log(1 − p) of the mixture: Σₑ gₑ·(1 − σₑ) = 1 − p because the gate weights sum to 1.
    const logP = logMixture(gateWeights, logSigmoid(expertLogits));
    const logNotP = logMixture(gateWeights, logSigmoid(tf.neg(expertLogits)));
    const perLabel = tf.neg(tf.add(tf.mul(targets, logP), tf.mul(tf.sub(1, targets), logNotP)));
    return maskedMean(tf.mean(perLabel, 1) as tf.Tensor1D, mask);
  });
}

/**
 * log(sigmoid(x)) = −softplus(−x). (tf.logSigmoid's gradient reads a tensor that a nested tf.tidy inside
 * tf.variableGrads has already disposed, in TF.js 4.22.)
 */
function logSigmoid(x: tf.Tensor): tf.Tensor {
  return tf.neg(tf.softplus(tf.neg(x)));
}

/** What a task's loss needs to know about the task. */
export type LossTask =
  | { kind: 'regression'; loss?: 'mse' | 'huber'; huberDelta?: number }
  | { kind: 'classification' }
  | { kind: 'multilabel' };

/** The mixture loss of a task of any kind (see the functions above). */
export function taskMixtureLoss(
  task: LossTask,
  gateWeights: tf.Tensor2D,
  expertOutputs: tf.Tensor3D,
  targets: tf.Tensor2D,
  mask: tf.Tensor1D,
): tf.Scalar {
  switch (task.kind) {
    case 'regression':
      return regressionMixtureLoss(gateWeights, expertOutputs, targets, mask, task);
    case 'classification':
      return classificationMixtureLoss(gateWeights, expertOutputs, targets, mask);
    case 'multilabel':
      return multilabelMixtureLoss(gateWeights, expertOutputs, targets, mask);
  }
}
