import * as tf from '@tensorflow/tfjs';
import type { LoraInit } from './adapter-settings.js';

type Initializer = ReturnType<typeof tf.initializers.zeros>;

/**
 * Initialisers of A and B following PEFT's `init_lora_weights`, for kernels in TensorFlow.js layout
 * ([...kernel size, input channels, output channels]):
 * - true: A Kaiming-uniform with a = sqrt(5) (U(±1/sqrt(fan_in)), PyTorch's default for Linear/Conv), B zero;
 * - 'gaussian': A normal with standard deviation 1/r, B zero;
 * - false: A and B both Kaiming-uniform, so the adapter changes the output from the start.
 */
export function loraInitializers(
  init: LoraInit,
  r: number,
  aShape: number[],
  bShape: number[],
): { a: Initializer; b: Initializer } {
  const a =
    init === 'gaussian' ? tf.initializers.randomNormal({ mean: 0, stddev: 1 / r }) : kaimingUniform(aShape);
  const b = init === false ? kaimingUniform(bShape) : tf.initializers.zeros();
  return { a, b };
}

// kaiming_uniform_(w, a=sqrt(5)): gain sqrt(2 / (1 + 5)), bound gain * sqrt(3 / fan_in) = 1 / sqrt(fan_in).
function kaimingUniform(shape: number[]): Initializer {
  const fanIn = shape.slice(0, -1).reduce((product, size) => product * size, 1);
  const bound = 1 / Math.sqrt(fanIn);
  return tf.initializers.randomUniform({ minval: -bound, maxval: bound });
}
