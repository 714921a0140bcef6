import {
  parseSafetensors,
  type SafeTensor,
  SafetensorsError,
  serializeSafetensors,
} from '@enecg/safetensors';
import * as tf from '@tensorflow/tfjs';
import type { Backbone } from '../core/backbone.js';
import { ChecksumError, WeightFormatError } from '../errors.js';
import { createBackbone } from '../registry.js';
import { sha256Hex } from './sha256.js';

/** `format` metadata value of a backbone weights file. */
export const BACKBONE_FILE_FORMAT = 'enecg-backbone';
/** Version of the weights file layout this library writes and reads. */
export const BACKBONE_FILE_VERSION = '1';

/** The metadata of a backbone weights file (the safetensors `__metadata__` map). */
export interface BackboneFileMetadata {
  format: typeof BACKBONE_FILE_FORMAT;
  format_version: string;
  /** Registry id of the backbone. */
  backbone_id: string;
  /** The backbone's full configuration, as JSON. */
  config: string;
  /** Lower-case hex SHA-256 of the tensor data (every byte after the safetensors header). */
  sha256: string;
  /** `tfjs`: tensors are stored in TF.js layout under their PyTorch names. */
  layout: 'tfjs';
}

/** A verified backbone weights file. */
export interface BackboneFileContents {
  backboneId: string;
  config: Record<string, unknown>;
  /** Tensors by weight name, TF.js layout, float32. */
  tensors: Map<string, SafeTensor>;
}

/** Options of the functions that load backbone weights. */
export interface LoadBackboneOptions {
  /** Default true, as `createBackbone`. */
  frozen?: boolean;
  /** File name or URL, for error messages. */
  source?: string;
}

/**
 * Writes a backbone's weights (parameters and buffers, TF.js layout, float32) as a safetensors file whose metadata
 * holds the backbone id, its configuration and the SHA-256 of the tensor data.
 */
export async function serializeBackbone(backbone: Backbone): Promise<Uint8Array> {
  const tensors = new Map<string, SafeTensor>();
  const weights = backbone.getWeights();
  try {
    for (const [name, tensor] of weights) {
      tensors.set(name, { dtype: 'F32', shape: tensor.shape, data: (await tensor.data()) as Float32Array });
    }
  } finally {
    tf.dispose([...weights.values()]);
  }
  const metadata: Omit<BackboneFileMetadata, 'sha256'> = {
    format: BACKBONE_FILE_FORMAT,
    format_version: BACKBONE_FILE_VERSION,
    backbone_id: backbone.id,
    config: JSON.stringify(backbone.config),
    layout: 'tfjs',
  };
  // The data section does not depend on the metadata, so hash it from a first serialisation.
  const sha256 = await sha256Hex(tensorData(serializeSafetensors(tensors, metadata)));
  return serializeSafetensors(tensors, { ...metadata, sha256 });
}

/**
 * Reads and verifies a file written by {@link serializeBackbone}.
 *
 * @throws WeightFormatError (not a backbone weights file, newer version), ChecksumError (data changed).
 */
export async function readBackboneFile(
  bytes: Uint8Array | ArrayBuffer,
  source?: string,
): Promise<BackboneFileContents> {
  const file = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let parsed: ReturnType<typeof parseSafetensors>;
  try {
    parsed = parseSafetensors(file, { source });
  } catch (error) {
    if (error instanceof SafetensorsError)
      throw new WeightFormatError(error.message, source, { cause: error });
    throw error;
  }
  const { metadata } = parsed;
  if (metadata.format !== BACKBONE_FILE_FORMAT) {
    throw new WeightFormatError(
      `not a backbone weights file (metadata format ${JSON.stringify(metadata.format)}, expected "${BACKBONE_FILE_FORMAT}"); ` +
        'load PyTorch checkpoints with loadTorchWeights',
      source,
    );
  }
  if (metadata.format_version !== BACKBONE_FILE_VERSION) {
    throw new WeightFormatError(
      `weights file version ${metadata.format_version} is not supported (this library reads ${BACKBONE_FILE_VERSION})`,
      source,
    );
  }
  await verifyChecksum(tensorData(file), metadata.sha256, source);
  return {
    backboneId: metadata.backbone_id,
    config: parseConfig(metadata.config, source),
    tensors: parsed.tensors,
  };
}

/** Builds the backbone a weights file describes (id and configuration) and loads its weights. */
export async function deserializeBackbone(
  bytes: Uint8Array | ArrayBuffer,
  options: LoadBackboneOptions = {},
): Promise<Backbone> {
  const contents = await readBackboneFile(bytes, options.source);
  return backboneFromContents(contents, options);
}

/**
 * Loads a weights file into an existing backbone of the same id and configuration.
 *
 * @throws WeightFormatError when the file was written for another backbone id or configuration.
 */
export async function loadBackboneWeights(
  backbone: Backbone,
  bytes: Uint8Array | ArrayBuffer,
  source?: string,
): Promise<void> {
  const contents = await readBackboneFile(bytes, source);
  checkSameBackbone(backbone, contents, source);
  assignTensors(backbone, contents.tensors, source);
}

/** Creates the backbone of verified contents and assigns its tensors (shared by every loader). */
export function backboneFromContents(contents: BackboneFileContents, options: LoadBackboneOptions): Backbone {
  const backbone = createBackbone(contents.backboneId, { config: contents.config, frozen: options.frozen });
  try {
    assignTensors(backbone, contents.tensors, options.source);
  } catch (error) {
    backbone.dispose();
    throw error;
  }
  return backbone;
}

/** Throws ChecksumError unless `data` hashes to `expected`. */
export async function verifyChecksum(
  data: Uint8Array,
  expected: string | undefined,
  source?: string,
): Promise<void> {
  if (typeof expected !== 'string') throw new WeightFormatError('the file records no sha256', source);
  const actual = await sha256Hex(data);
  if (actual !== expected) throw new ChecksumError(expected, actual, source);
}

/** Throws unless the contents were written for `backbone`'s id and configuration. */
export function checkSameBackbone(backbone: Backbone, contents: BackboneFileContents, source?: string): void {
  if (contents.backboneId !== backbone.id) {
    throw new WeightFormatError(`weights of backbone "${contents.backboneId}", not "${backbone.id}"`, source);
  }
  const differing = Object.keys({ ...backbone.config, ...contents.config }).filter(
    (key) =>
      JSON.stringify((backbone.config as Record<string, unknown>)[key]) !==
      JSON.stringify(contents.config[key]),
  );
  if (differing.length > 0) {
    const details = differing.map(
      (key) =>
        `${key}: file ${JSON.stringify(contents.config[key])}, backbone ${JSON.stringify((backbone.config as Record<string, unknown>)[key])}`,
    );
    throw new WeightFormatError(`configuration differs (${details.join('; ')})`, source);
  }
}

function assignTensors(backbone: Backbone, tensors: ReadonlyMap<string, SafeTensor>, source?: string): void {
  const values = new Map<string, tf.Tensor>();
  try {
    for (const [name, { dtype, shape, data }] of tensors) {
      if (dtype !== 'F32') throw new WeightFormatError(`tensor "${name}" is ${dtype}, expected F32`, source);
      values.set(name, tf.tensor(data as Float32Array, shape, 'float32'));
    }
    backbone.setWeights(values, { source });
  } finally {
    tf.dispose([...values.values()]);
  }
}

/** The tensor data section of a safetensors file: every byte after the 8-byte length and the JSON header. */
function tensorData(file: Uint8Array): Uint8Array {
  const headerLength = Number(new DataView(file.buffer, file.byteOffset, 8).getBigUint64(0, true));
  return file.subarray(8 + headerLength);
}

function parseConfig(json: string | undefined, source?: string): Record<string, unknown> {
  try {
    const config = JSON.parse(json ?? '');
    if (typeof config === 'object' && config !== null && !Array.isArray(config)) return config;
  } catch (error) {
    throw new WeightFormatError('the configuration in the metadata is not valid JSON', source, {
      cause: error,
    });
  }
  throw new WeightFormatError('the configuration in the metadata is not a JSON object', source);
}
