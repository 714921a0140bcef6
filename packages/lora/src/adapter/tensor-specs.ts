import * as tf from '@tensorflow/tfjs';
import type { LoraBias } from '../config.js';
import { findWeight, isBiasWeight, weightShape, weightShortName } from '../layers/layer-utils.js';
import { LoraLayer } from '../layers/lora-layer.js';
import { ModulesToSaveLayer } from '../layers/modules-to-save.js';
import { leafLayersWithPaths } from '../model/layer-paths.js';
import { type AdapterPlan, kernelOf } from '../model/plan.js';
import { permuteShape, tfjsToTorchAxes, torchParameter, torchToTfjsAxes } from './torch-layout.js';

/** Prefix of every tensor name in a PEFT adapter file (PeftModel.base_model.model). */
export const PEFT_KEY_PREFIX = 'base_model.model.';

/** Which weight of the live model a tensor of the adapter file belongs to. */
export type TensorSlot =
  | { kind: 'lora_A' | 'lora_B' | 'base_bias'; path: string }
  | { kind: 'weight' | 'module_weight'; path: string; shortName: string };

/** One tensor of an adapter file: its PEFT name, its shape in the file, and where it goes in the model. */
export interface TensorSpec {
  key: string;
  /** Shape in PyTorch layout, as stored in the file. */
  torchShape: number[];
  /** Axis order from the TensorFlow.js layout to the file's; null when they are the same. */
  tfjsToTorch: number[] | null;
  slot: TensorSlot;
}

/**
 * The tensors PEFT would save for an adapter placed by `plan` in `model`, named and shaped as PEFT names
 * and shapes them: `<path>.lora_A.weight` [r, in, ...k], `<path>.lora_B.weight` [out, r, ...1], biases
 * (`<path>.base_layer.bias` for adapted layers, `<path>.bias` for others) as `bias` asks, and every weight of
 * the modules to save under its PyTorch name (`<path>.weight`, `<path>.bias`, ...).
 */
export function adapterTensorSpecs(model: tf.LayersModel, plan: AdapterPlan, bias: LoraBias): TensorSpec[] {
  const specs: TensorSpec[] = [];
  const add = (path: string, name: string, shape: number[], axes: number[] | null, slot: TensorSlot) =>
    specs.push({
      key: `${PEFT_KEY_PREFIX}${path}.${name}`,
      torchShape: permuteShape(shape, axes),
      tfjsToTorch: axes,
      slot,
    });

  for (const { path, layer, settings } of plan.targets) {
    const kernelShape = weightShape(kernelOf(layer));
    const rank = kernelShape.length;
    const aShape = [...kernelShape.slice(0, -1), settings.r];
    const bShape = [...kernelShape.slice(0, -2).map(() => 1), settings.r, kernelShape[rank - 1]];
    add(path, 'lora_A.weight', aShape, tfjsToTorchAxes(rank), { kind: 'lora_A', path });
    add(path, 'lora_B.weight', bShape, tfjsToTorchAxes(rank), { kind: 'lora_B', path });
    const baseBias = baseBiasOf(layer);
    if (bias !== 'none' && baseBias)
      add(path, 'base_layer.bias', weightShape(baseBias), null, { kind: 'base_bias', path });
  }

  for (const { path, layer } of plan.modules) {
    const original = layer instanceof ModulesToSaveLayer ? layer.originalLayer : layer;
    for (const weight of original.weights) {
      const shortName = weightShortName(weight);
      const { name, axes } = torchParameter(original.getClassName(), shortName, weight.shape.length);
      add(path, name, weightShape(weight), axes, { kind: 'module_weight', path, shortName });
    }
  }

  if (bias === 'all') {
    const placed = new Set([...plan.targets, ...plan.modules].map(({ path }) => path));
    for (const { path, layer } of leafLayersWithPaths(model)) {
      if (placed.has(path) || layer instanceof ModulesToSaveLayer) continue;
      if (layer instanceof LoraLayer) {
        if (layer.baseBias)
          add(path, 'base_layer.bias', weightShape(layer.baseBias), null, { kind: 'base_bias', path });
        continue;
      }
      for (const weight of layer.weights.filter(isBiasWeight)) {
        const shortName = weightShortName(weight);
        add(path, torchParameter(layer.getClassName(), shortName, 1).name, weightShape(weight), null, {
          kind: 'weight',
          path,
          shortName,
        });
      }
    }
  }
  return specs;
}

/** The weight of the live model `model` that `slot` names, for adapter `adapterName`. */
export function locateWeight(
  layersByPath: Map<string, tf.layers.Layer>,
  slot: TensorSlot,
  adapterName: string,
): tf.LayerVariable {
  const layer = layersByPath.get(slot.path);
  switch (slot.kind) {
    case 'lora_A':
      return (layer as LoraLayer).adapterWeights(adapterName).loraA;
    case 'lora_B':
      return (layer as LoraLayer).adapterWeights(adapterName).loraB;
    case 'base_bias':
      return (layer as LoraLayer).baseBias!;
    case 'weight':
      return findWeight(layer!, slot.shortName)!;
    case 'module_weight':
      return (layer as ModulesToSaveLayer).adapterWeight(adapterName, slot.shortName)!;
  }
}

/** The value of `weight` in the file's layout, as a new Float32Array. */
export function readInFileLayout(weight: tf.LayerVariable, spec: TensorSpec): Float32Array {
  return tf.tidy(() => {
    const value = spec.tfjsToTorch ? tf.transpose(weight.read(), spec.tfjsToTorch) : weight.read();
    return Float32Array.from(value.dataSync() as Float32Array);
  });
}

/** Writes `values` (in the file's layout) into `weight`. */
export function writeFromFileLayout(weight: tf.LayerVariable, spec: TensorSpec, values: Float32Array): void {
  tf.tidy(() => {
    const value = tf.tensor(values, spec.torchShape, 'float32');
    weight.write(spec.tfjsToTorch ? tf.transpose(value, torchToTfjsAxes(spec.tfjsToTorch.length)) : value);
  });
}

function baseBiasOf(layer: tf.layers.Layer): tf.LayerVariable | undefined {
  return layer instanceof LoraLayer ? (layer.baseBias ?? undefined) : findWeight(layer, 'bias');
}
