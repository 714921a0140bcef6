import { parseSafetensors, toFloat32Array } from '@enecg/safetensors';
import type * as tf from '@tensorflow/tfjs';
import { type LoraConfig, resolveLoraConfig } from '../config.js';
import {
  AdapterFormatError,
  AdapterKeysError,
  AdapterNameError,
  AdapterShapeError,
  LoraConfigError,
} from '../errors.js';
import { checkAdapterName } from '../layers/lora-layer.js';
import { LoraModel } from '../model/lora-model.js';
import { planAdapter } from '../model/plan.js';
import { ADAPTER_CONFIG_FILE, ADAPTER_WEIGHTS_FILE, fromPeftConfigJson } from './peft-config.js';
import { layerMap } from './save.js';
import { adapterTensorSpecs, locateWeight, writeFromFileLayout } from './tensor-specs.js';

/** The two files of an adapter as read from anywhere: the config as JSON text or parsed object. */
export interface AdapterFilesInput {
  config: string | object;
  safetensors: Uint8Array | ArrayBuffer;
}

/** Options of {@link loadAdapter} and {@link loadLora}. */
export interface LoadAdapterOptions {
  /** Name to give the adapter. Default 'default'. */
  adapterName?: string;
  /** Leave the adapter trainable (PEFT's `is_trainable`). Default false: loaded adapters are frozen. */
  isTrainable?: boolean;
  /** Throw when the file lacks tensors the model needs or has tensors it has no place for. Default true. */
  strict?: boolean;
}

/** What loading found besides the tensors it used. */
export interface AdapterLoadReport {
  adapterName: string;
  /** Tensors the adapter needs that the file lacks (they keep their initial values). */
  missingKeys: string[];
  /** Tensors in the file the model has no place for (ignored). */
  unexpectedKeys: string[];
}

/**
 * Loads a PEFT adapter (written by PEFT or by `saveAdapter`) into `lora` as a new adapter, like PEFT's
 * `load_adapter`: it becomes active only if `lora` had no adapter. Files in float32, float16 or bfloat16 are
 * accepted. Everything is checked before the model changes: throws `AdapterFormatError` (bad config),
 * `AdapterVersionError`, `AdapterShapeError` (naming the tensor and both shapes), `AdapterKeysError`
 * (strict mode), `TargetModulesError` or `SafetensorsError`.
 */
export function loadAdapter(
  lora: LoraModel,
  files: AdapterFilesInput,
  options: LoadAdapterOptions = {},
): AdapterLoadReport {
  const { adapterName = 'default', isTrainable = false, strict = true } = options;
  checkAdapterName(adapterName);
  if (lora.adapterNames.includes(adapterName))
    throw new AdapterNameError(adapterName, 'an adapter with this name exists');
  const config: LoraConfig = { ...readConfig(files.config), inferenceMode: !isTrainable };
  const resolved = resolveFileConfig(config);
  const { tensors } = parseSafetensors(files.safetensors, { source: ADAPTER_WEIGHTS_FILE });

  const specs = adapterTensorSpecs(lora.model, planAdapter(lora.model, resolved), resolved.bias);
  const expected = new Set(specs.map((spec) => spec.key));
  const missingKeys = specs.filter((spec) => !tensors.has(spec.key)).map((spec) => spec.key);
  const unexpectedKeys = [...tensors.keys()].filter((key) => !expected.has(key));
  const values = specs.flatMap((spec) => {
    const tensor = tensors.get(spec.key);
    if (!tensor) return [];
    if (tensor.shape.join() !== spec.torchShape.join()) {
      throw new AdapterShapeError(spec.key, spec.torchShape, tensor.shape, ADAPTER_WEIGHTS_FILE);
    }
    return [{ spec, data: toFloat32Array(tensor, spec.key) }];
  });
  if (strict && (missingKeys.length > 0 || unexpectedKeys.length > 0)) {
    throw new AdapterKeysError(missingKeys, unexpectedKeys, ADAPTER_WEIGHTS_FILE);
  }

  lora.addAdapter(adapterName, config);
  const layersByPath = layerMap(lora.model);
  for (const { spec, data } of values)
    writeFromFileLayout(locateWeight(layersByPath, spec.slot, adapterName), spec, data);
  return { adapterName, missingKeys, unexpectedKeys };
}

/**
 * Adds a saved adapter to a base model, like PEFT's `PeftModel.from_pretrained(model, folder)`. See
 * {@link loadAdapter} for the checks and options. The base model is not changed if loading fails.
 */
export function loadLora(
  baseModel: tf.LayersModel,
  files: AdapterFilesInput,
  options: LoadAdapterOptions = {},
): { lora: LoraModel; report: AdapterLoadReport } {
  const lora = new LoraModel(baseModel);
  const report = loadAdapter(lora, files, options);
  return { lora, report };
}

function readConfig(config: string | object): LoraConfig {
  if (typeof config !== 'string') return fromPeftConfigJson(config);
  try {
    return fromPeftConfigJson(JSON.parse(config));
  } catch (error) {
    if (error instanceof SyntaxError)
      throw new AdapterFormatError(`malformed JSON: ${error.message}`, ADAPTER_CONFIG_FILE);
    throw error;
  }
}

function resolveFileConfig(config: LoraConfig) {
  try {
    return resolveLoraConfig(config);
  } catch (error) {
    if (error instanceof LoraConfigError)
      throw new AdapterFormatError(`invalid ${error.message}`, ADAPTER_CONFIG_FILE);
    throw error;
  }
}
