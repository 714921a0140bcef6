import * as tf from '@tensorflow/tfjs';
import { LoraConfigError } from '../errors.js';
import { type LoraFactoryArgs, splitLoraArgs } from './lora-factory-args.js';
import { LoraLayer, type LoraLayerArgs, matMulLastAxis } from './lora-layer.js';

/** LoRA for a `tf.layers.dense` layer: y = activation(x·W + b + scaling · x·A·B). */
export class LoraDense extends LoraLayer {
  static readonly className = 'LoraDense';

  constructor(args: LoraLayerArgs) {
    const problem = denseProblem(args.baseLayer);
    if (problem) throw new LoraConfigError('baseLayer', problem);
    super(args);
  }

  protected applyKernel(x: tf.Tensor, kernel: tf.Tensor): tf.Tensor {
    return matMulLastAxis(x, kernel);
  }
}
tf.serialization.registerClass(LoraDense);

/** Why LoRA cannot wrap `layer` as a Dense layer, or null if it can. */
export function denseProblem(layer: tf.layers.Layer): string | null {
  return layer.getClassName() === 'Dense'
    ? null
    : `LoraDense wraps Dense layers, not ${layer.getClassName()}`;
}

/** Arguments of {@link loraDense}: those of `tf.layers.dense` plus the adapter settings. */
export type LoraDenseArgs = LoraFactoryArgs<Parameters<typeof tf.layers.dense>[0]>;

/**
 * A new Dense layer with a LoRA adapter, for use in your own models:
 * `tf.sequential({ layers: [loraDense({ units: 16, inputShape: [8], r: 4, loraAlpha: 8 })] })`.
 * Load or set the base weights (kernel, bias) before training; only the adapter trains.
 */
export function loraDense(args: LoraDenseArgs): LoraDense {
  const { baseArgs, layerArgs } = splitLoraArgs(args);
  return new LoraDense({ ...layerArgs, baseLayer: tf.layers.dense(baseArgs) });
}
