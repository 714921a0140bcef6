// Node entry: everything from the main entry plus reading and writing weight files by path.
import { readFile, writeFile } from 'node:fs/promises';
import type { Backbone } from './core/backbone.js';
import { WeightIOError } from './errors.js';
import { deserializeBackbone, type LoadBackboneOptions, serializeBackbone } from './weights/backbone-file.js';
import {
  loadTorchWeights,
  type TorchWeightsOptions,
  type TorchWeightsReport,
} from './weights/torch-weights.js';

export * from './index.js';
export {
  backbonesPackageRoot,
  loadPretrainedBackbone,
  pretrainedWeightsDirectory,
  pretrainedWeightsPath,
} from './pretrained/node-loader.js';

/** Writes a backbone's weights file (see `serializeBackbone`) to `path`. */
export async function saveBackboneToFile(backbone: Backbone, path: string): Promise<void> {
  const bytes = await serializeBackbone(backbone);
  try {
    await writeFile(path, bytes);
  } catch (error) {
    throw new WeightIOError(path, `cannot write: ${(error as Error).message}`, { cause: error });
  }
}

/** Reads a weights file and builds the backbone it describes, verifying its checksum. */
export async function loadBackboneFromFile(
  path: string,
  options: LoadBackboneOptions = {},
): Promise<Backbone> {
  return deserializeBackbone(await readBytes(path), { ...options, source: options.source ?? path });
}

/** Loads a PyTorch state_dict saved as safetensors from `path` into `backbone` (see `loadTorchWeights`). */
export async function loadTorchWeightsFromFile(
  backbone: Backbone,
  path: string,
  options: TorchWeightsOptions = {},
): Promise<TorchWeightsReport> {
  return loadTorchWeights(backbone, await readBytes(path), { ...options, source: options.source ?? path });
}

async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new WeightIOError(path, `cannot read: ${(error as Error).message}`, { cause: error });
  }
}

export {
  initNodeBackend,
  installNodeWebGpu,
  type NodeWebGpuStatus,
  SWIFTSHADER_ICD,
} from './backend/node-webgpu.js';
