import { type SafeTensor, serializeSafetensors } from '@enecg/safetensors';
import type * as tf from '@tensorflow/tfjs';
import { AdapterNameError } from '../errors.js';
import { layersWithPaths } from '../model/layer-paths.js';
import type { LoraModel } from '../model/lora-model.js';
import { existingAdapterPlan } from '../model/plan.js';
import { type PeftLoraConfigJson, toPeftConfigJson } from './peft-config.js';
import { adapterTensorSpecs, locateWeight, readInFileLayout } from './tensor-specs.js';

/** The two files of a PEFT adapter folder. */
export interface AdapterFiles {
  /** The content of adapter_config.json. */
  config: PeftLoraConfigJson;
  /** The content of adapter_model.safetensors. */
  safetensors: Uint8Array;
}

/**
 * Writes adapter `adapterName` (default: the active one) as PEFT does: adapter_config.json and
 * adapter_model.safetensors with float32 tensors named `base_model.model.<path>.lora_A.weight` etc. in
 * PyTorch layout, so `PeftModel.from_pretrained` can load it onto the same architecture.
 */
export function saveAdapter(lora: LoraModel, adapterName?: string): AdapterFiles {
  const { config, tensors } = adapterContents(lora, adapterName);
  return { config, safetensors: serializeSafetensors(tensors, { format: 'pt' }) };
}

/** The config JSON and the tensors (by PEFT name, in PyTorch layout) of an adapter, default the active one. */
export function adapterContents(
  lora: LoraModel,
  adapterName = lora.activeAdapter ?? undefined,
): { config: PeftLoraConfigJson; tensors: Map<string, SafeTensor> } {
  if (adapterName === undefined)
    throw new AdapterNameError('', 'no adapter is active; name the adapter to save');
  const config = lora.getConfig(adapterName);
  const specs = adapterTensorSpecs(lora.model, existingAdapterPlan(lora.model, adapterName), config.bias);
  const layersByPath = layerMap(lora.model);
  const tensors = new Map<string, SafeTensor>();
  for (const spec of specs) {
    const weight = locateWeight(layersByPath, spec.slot, adapterName);
    tensors.set(spec.key, { dtype: 'F32', shape: spec.torchShape, data: readInFileLayout(weight, spec) });
  }
  return { config: toPeftConfigJson(config), tensors };
}

/** Every layer of `model` by path. */
export function layerMap(model: tf.LayersModel): Map<string, tf.layers.Layer> {
  return new Map(layersWithPaths(model).map(({ path, layer }) => [path, layer]));
}
