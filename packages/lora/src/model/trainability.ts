import type * as tf from '@tensorflow/tfjs';
import type { ResolvedLoraConfig } from '../config.js';
import { isBiasWeight } from '../layers/layer-utils.js';
import { LoraLayer } from '../layers/lora-layer.js';
import { ModulesToSaveLayer } from '../layers/modules-to-save.js';
import { leafLayersWithPaths } from './layer-paths.js';

/**
 * Sets what trains, as PEFT does for the active adapter: its LoRA weights and modules to save, plus the
 * biases its `bias` option names; every other weight of the model is frozen. With no active adapter, or one
 * in inference mode, nothing trains. Flags are set on the layers and weights themselves, so the base model,
 * which shares them, is frozen too.
 */
export function applyTrainability(model: tf.LayersModel, active: ResolvedLoraConfig | null): void {
  const trains = active !== null && !active.inferenceMode;
  const bias = active?.bias ?? 'none';
  for (const { layer } of leafLayersWithPaths(model)) {
    if (layer instanceof LoraLayer) {
      layer.trainBias = bias !== 'none';
      layer.trainable = trains;
    } else if (layer instanceof ModulesToSaveLayer) {
      layer.trainable = trains;
    } else if (trains && bias === 'all') {
      layer.trainable = true;
      for (const weight of layer.weights) weight.trainable = isBiasWeight(weight);
    } else {
      layer.trainable = false;
    }
  }
}
