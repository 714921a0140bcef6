import type * as tf from '@tensorflow/tfjs';
import { weightShape } from './layers/layer-utils.js';
import { LoraModel } from './model/lora-model.js';

/** Parameter counts of a model, as PEFT's `get_nb_trainable_parameters`. */
export interface ParameterCounts {
  /** Parameters that training updates. */
  trainable: number;
  /** All parameters (base weights, every adapter, frozen copies). */
  total: number;
  /** trainable / total (0 for a model without parameters). */
  fraction: number;
}

/** Counts the trainable and all parameters of a model (each shared weight once). */
export function trainableParameters(model: tf.LayersModel | LoraModel): ParameterCounts {
  const layersModel = model instanceof LoraModel ? model.model : model;
  const trainable = countParameters(layersModel.trainableWeights);
  const total = countParameters(layersModel.weights);
  return { trainable, total, fraction: total === 0 ? 0 : trainable / total };
}

/**
 * The line PEFT's `print_trainable_parameters` prints:
 * `trainable params: 1,234 || all params: 56,789 || trainable%: 2.1731`.
 */
export function formatTrainableParameters(counts: ParameterCounts): string {
  return (
    `trainable params: ${groupThousands(counts.trainable)} || all params: ${groupThousands(counts.total)}` +
    ` || trainable%: ${(100 * counts.fraction).toFixed(4)}`
  );
}

function countParameters(weights: tf.LayerVariable[]): number {
  const unique = new Map(weights.map((weight) => [weight.id, weight]));
  let count = 0;
  for (const weight of unique.values())
    count += weightShape(weight).reduce((product, size) => product * size, 1);
  return count;
}

function groupThousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
