import type * as tf from '@tensorflow/tfjs';
import { convProblem, LoraConv1D, LoraConv2D } from './lora-conv.js';
import { denseProblem, LoraDense } from './lora-dense.js';
import type { LoraLayer, LoraLayerArgs } from './lora-layer.js';

/** The layer classes LoRA can wrap. */
export const LORA_WRAPPABLE_CLASSES = ['Dense', 'Conv1D', 'Conv2D'] as const;

/** Why LoRA cannot wrap `layer`, or null if it can. */
export function loraWrapProblem(layer: tf.layers.Layer): string | null {
  switch (layer.getClassName()) {
    case 'Dense':
      return denseProblem(layer);
    case 'Conv1D':
      return convProblem(layer, 'Conv1D');
    case 'Conv2D':
      return convProblem(layer, 'Conv2D');
    default:
      return `${layer.getClassName()} layers cannot take LoRA (supported: ${LORA_WRAPPABLE_CLASSES.join(', ')})`;
  }
}

/** The LoRA layer for `args.baseLayer`, of the class that matches it. Check `loraWrapProblem` first. */
export function createLoraLayer(args: LoraLayerArgs): LoraLayer {
  switch (args.baseLayer.getClassName()) {
    case 'Conv1D':
      return new LoraConv1D(args);
    case 'Conv2D':
      return new LoraConv2D(args);
    default:
      return new LoraDense(args);
  }
}
