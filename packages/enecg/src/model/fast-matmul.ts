// Matrix products with hand-written gradients for the training loop. TF.js differentiates x·W as dy·Wᵀ and
// xᵀ·dy, i.e. products with a transposed operand, which the wasm backend computes several times slower than
// plain ones (measured: 3.6 ms vs 0.5 ms for [32, 256]·[256, 256]; 7.4 ms for the A gradient of a
// 16000-feature embedding). When one operand is constant, its transpose can be computed once and the gradient
// becomes a plain product.
//
// `kernelT` must live until the gradient is computed (e.g. a tensor its head owns); `xT` is saved with the
// engine's save mechanism, so it may be an intermediate of a nested tf.tidy.
import * as tf from '@tensorflow/tfjs';

type CustomArgument = tf.Tensor | tf.GradSaveFunc;

/** x·W for a frozen W: the gradient reaches x only, computed as dy·Wᵀ with `kernelT` = Wᵀ given. */
export function frozenKernelMatMul(x: tf.Tensor2D, kernel: tf.Tensor2D, kernelT: tf.Tensor2D): tf.Tensor2D {
  const product = tf.customGrad((...args: CustomArgument[]) => ({
    value: tf.matMul(args[0] as tf.Tensor2D, kernel),
    gradFunc: (dy: tf.Tensor) => tf.matMul(dy as tf.Tensor2D, kernelT),
  }));
  return product(x) as tf.Tensor2D;
}

/** x·A for constant data x: the gradient reaches A only, computed as xᵀ·dy with `xT` = xᵀ given. */
export function constantInputMatMul(x: tf.Tensor2D, xT: tf.Tensor2D, a: tf.Tensor2D): tf.Tensor2D {
  const product = tf.customGrad((...args: CustomArgument[]) => {
    (args[1] as tf.GradSaveFunc)([xT]);
    return {
      value: tf.matMul(x, args[0] as tf.Tensor2D),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.matMul(saved[0] as tf.Tensor2D, dy as tf.Tensor2D),
    };
  });
  return product(a) as tf.Tensor2D;
}
