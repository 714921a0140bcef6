import * as tf from '@tensorflow/tfjs';
import type { Backbone } from '../core/backbone.js';
import { WeightFormatError, WeightIOError } from '../errors.js';
import {
  BACKBONE_FILE_FORMAT,
  BACKBONE_FILE_VERSION,
  type BackboneFileContents,
  backboneFromContents,
  deserializeBackbone,
  type LoadBackboneOptions,
  verifyChecksum,
} from './backbone-file.js';
import { sha256Hex } from './sha256.js';

/** `modelTopology` of backbone weights saved through a TensorFlow.js IO handler. */
interface BackboneTopology {
  format: typeof BACKBONE_FILE_FORMAT;
  format_version: string;
  backbone_id: string;
  config: Record<string, unknown>;
  /** SHA-256 of `weightData`. */
  sha256: string;
}

/**
 * Saves a backbone through a TensorFlow.js IO handler or URL: `indexeddb://name` (browsers), `localstorage://name`,
 * `downloads://name`, `http(s)://...` (POST), or any `tf.io.IOHandler`. The artifacts hold the backbone id,
 * configuration and SHA-256 of the weight data as `modelTopology`, and the weights as float32 (TF.js layout).
 */
export async function saveBackboneWithHandler(
  backbone: Backbone,
  destination: string | tf.io.IOHandler,
): Promise<tf.io.SaveResult> {
  const handler = typeof destination === 'string' ? tf.io.getSaveHandlers(destination)[0] : destination;
  const location = typeof destination === 'string' ? destination : 'IO handler';
  if (!handler?.save) throw new WeightIOError(location, 'no TensorFlow.js save handler for this destination');
  const weights = backbone.getWeights();
  let encoded: { data: ArrayBuffer; specs: tf.io.WeightsManifestEntry[] };
  try {
    encoded = await tf.io.encodeWeights(Object.fromEntries(weights));
  } finally {
    tf.dispose([...weights.values()]);
  }
  const topology: BackboneTopology = {
    format: BACKBONE_FILE_FORMAT,
    format_version: BACKBONE_FILE_VERSION,
    backbone_id: backbone.id,
    config: { ...backbone.config },
    sha256: await sha256Hex(new Uint8Array(encoded.data)),
  };
  try {
    return await handler.save({
      format: BACKBONE_FILE_FORMAT,
      generatedBy: '@enecg/backbones',
      modelTopology: topology as unknown as object,
      weightSpecs: encoded.specs,
      weightData: encoded.data,
    });
  } catch (error) {
    throw new WeightIOError(location, `cannot save: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Loads a backbone saved by {@link saveBackboneWithHandler} (`indexeddb://name`, `localstorage://name`,
 * `http(s)://.../model.json`, or a `tf.io.IOHandler`), verifying the SHA-256 of its weight data.
 *
 * @throws WeightIOError, WeightFormatError, ChecksumError
 */
export async function loadBackboneWithHandler(
  source: string | tf.io.IOHandler,
  options: LoadBackboneOptions = {},
): Promise<Backbone> {
  const handler = typeof source === 'string' ? tf.io.getLoadHandlers(source)[0] : source;
  const location = options.source ?? (typeof source === 'string' ? source : 'IO handler');
  if (!handler?.load) throw new WeightIOError(location, 'no TensorFlow.js load handler for this source');
  let artifacts: tf.io.ModelArtifacts;
  try {
    artifacts = await handler.load();
  } catch (error) {
    throw new WeightIOError(location, `cannot load: ${(error as Error).message}`, { cause: error });
  }
  const topology = artifacts.modelTopology as Partial<BackboneTopology> | undefined;
  if (artifacts.format !== BACKBONE_FILE_FORMAT || topology?.format !== BACKBONE_FILE_FORMAT) {
    throw new WeightFormatError(
      `not backbone weights (format ${JSON.stringify(artifacts.format)})`,
      location,
    );
  }
  if (topology.format_version !== BACKBONE_FILE_VERSION) {
    throw new WeightFormatError(`weights version ${topology.format_version} is not supported`, location);
  }
  const data = tf.io.CompositeArrayBuffer.join(artifacts.weightData ?? new ArrayBuffer(0));
  await verifyChecksum(new Uint8Array(data), topology.sha256, location);
  const decoded = tf.io.decodeWeights(data, artifacts.weightSpecs ?? []);
  try {
    const contents: BackboneFileContents = {
      backboneId: String(topology.backbone_id),
      config: topology.config ?? {},
      tensors: new Map(
        Object.entries(decoded).map(([name, tensor]) => [
          name,
          { dtype: 'F32', shape: tensor.shape, data: tensor.dataSync() as Float32Array },
        ]),
      ),
    };
    return backboneFromContents(contents, { ...options, source: location });
  } finally {
    tf.dispose(Object.values(decoded));
  }
}

/** Options of {@link loadBackboneFromUrl}. */
export interface LoadFromUrlOptions extends LoadBackboneOptions {
  /** The fetch function (default `globalThis.fetch`). */
  fetch?: typeof globalThis.fetch;
  /** Passed to fetch (headers, credentials, signal...). */
  init?: RequestInit;
}

/**
 * Downloads a weights file written by `serializeBackbone` / `saveBackboneToFile` (a `.safetensors` file) and
 * builds the backbone it describes, verifying its checksum.
 *
 * @throws WeightIOError (network or HTTP error), WeightFormatError, ChecksumError
 */
export async function loadBackboneFromUrl(url: string, options: LoadFromUrlOptions = {}): Promise<Backbone> {
  const fetchFunction = options.fetch ?? globalThis.fetch;
  let bytes: ArrayBuffer;
  try {
    const response = await fetchFunction(url, options.init);
    if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
    bytes = await response.arrayBuffer();
  } catch (error) {
    throw new WeightIOError(url, `cannot download: ${(error as Error).message}`, { cause: error });
  }
  return deserializeBackbone(bytes, { ...options, source: options.source ?? url });
}
