import { parseSafetensors, type SafeTensor, SafetensorsError, toFloat32Array } from '@enecg/safetensors';
import * as tf from '@tensorflow/tfjs';
import type { Backbone } from '../core/backbone.js';
import type { WeightInfo } from '../core/parameter-store.js';
import { fromTorchLayout, torchShape } from '../core/torch-layout.js';
import { WeightFormatError, WeightKeysError, WeightShapeError } from '../errors.js';

/** Options of {@link loadTorchWeights}. */
export interface TorchWeightsOptions {
  /**
   * Prefix of the backbone's keys in the file, removed before matching (e.g. `encoder.` for a fine-tuned model
   * that wraps the backbone). Keys without it count as unexpected.
   */
  prefix?: string;
  /** More keys to skip, besides those the backbone declares unused (`backbone.ignoredTorchKeys`). */
  ignore?: readonly (string | RegExp)[];
  /** Default true: missing or unexpected tensors throw `WeightKeysError`; with false they are only reported. */
  strict?: boolean;
  /** File name or URL, for error messages. */
  source?: string;
}

/** What {@link loadTorchWeights} did. */
export interface TorchWeightsReport {
  /** Backbone weights that were set. */
  loaded: string[];
  /** File keys skipped as unused by the backbone (task heads, recomputed buffers...). */
  ignored: string[];
  /** Backbone weights the file lacks (kept as they were; only without `strict`). */
  missing: string[];
  /** File keys with no place in the backbone (only without `strict`). */
  unexpected: string[];
}

/**
 * Loads a PyTorch state_dict saved as safetensors (`safetensors.torch.save_file(model.state_dict(), path)`) into
 * a backbone. Keys are matched to the backbone's weights (named by their PyTorch keys, see `weightInfo()`), and
 * each tensor is converted to float32 (F16, BF16, F64 and integers accepted) and to TF.js layout: Linear
 * `[out, in]` -> `[in, out]`, Conv1d `[out, in, k]` -> `[k, in, out]`, Conv2d `[out, in, kh, kw]` ->
 * `[kh, kw, in, out]`, everything else unchanged. Nothing changes unless every check passes.
 *
 * @throws WeightKeysError (strict: missing or unexpected keys), WeightShapeError (a tensor of the wrong shape,
 *   named with both PyTorch shapes), WeightFormatError (not a safetensors file, unsupported dtype).
 */
export function loadTorchWeights(
  backbone: Backbone,
  file: Uint8Array | ArrayBuffer | ReadonlyMap<string, SafeTensor>,
  options: TorchWeightsOptions = {},
): TorchWeightsReport {
  const { prefix = '', strict = true, source } = options;
  const tensors = file instanceof Map ? file : readSafetensors(file as Uint8Array | ArrayBuffer, source);
  const weights = backbone.weightInfo();
  const byKey = new Map<string, WeightInfo>();
  for (const weight of weights) for (const key of [weight.name, ...weight.aliases]) byKey.set(key, weight);
  const ignore = [...backbone.ignoredTorchKeys, ...(options.ignore ?? [])];

  const matched = new Map<WeightInfo, [string, SafeTensor]>();
  const report: TorchWeightsReport = { loaded: [], ignored: [], missing: [], unexpected: [] };
  for (const [fileKey, tensor] of tensors) {
    const key = fileKey.startsWith(prefix) ? fileKey.slice(prefix.length) : null;
    const weight = key === null ? undefined : byKey.get(key);
    if (key !== null && weight === undefined && isIgnored(key, ignore)) report.ignored.push(fileKey);
    else if (weight === undefined || matched.has(weight)) report.unexpected.push(fileKey);
    else matched.set(weight, [fileKey, tensor]);
  }
  report.missing = weights.filter((w) => !matched.has(w)).map((w) => w.name);
  if (strict && (report.missing.length > 0 || report.unexpected.length > 0)) {
    throw new WeightKeysError(report.missing, report.unexpected, source);
  }

  for (const [weight, [fileKey, tensor]] of matched) {
    const expected = torchShape(weight.shape, weight.layout);
    if (!tf.util.arraysEqual(expected, tensor.shape)) {
      throw new WeightShapeError(fileKey, expected, tensor.shape, source, `PyTorch layout, ${weight.layout}`);
    }
  }
  const values = new Map<string, tf.Tensor>();
  try {
    for (const weight of weights.filter((w) => matched.has(w))) {
      const [fileKey, tensor] = matched.get(weight)!;
      const data = fromTorchLayout(toFloat32(tensor, fileKey, source), tensor.shape, weight.layout);
      values.set(weight.name, tf.tensor(data, [...weight.shape], 'float32'));
      report.loaded.push(weight.name);
    }
    backbone.setWeights(values, { strict: false, source });
  } finally {
    tf.dispose([...values.values()]);
  }
  return report;
}

function readSafetensors(bytes: Uint8Array | ArrayBuffer, source?: string): Map<string, SafeTensor> {
  try {
    return parseSafetensors(bytes, { source }).tensors;
  } catch (error) {
    if (error instanceof SafetensorsError)
      throw new WeightFormatError(error.message, source, { cause: error });
    throw error;
  }
}

function toFloat32(tensor: SafeTensor, key: string, source?: string): Float32Array {
  try {
    return toFloat32Array(tensor, key);
  } catch (error) {
    if (error instanceof SafetensorsError)
      throw new WeightFormatError(error.message, source, { cause: error });
    throw error;
  }
}

function isIgnored(key: string, patterns: readonly (string | RegExp)[]): boolean {
  return patterns.some((pattern) => (typeof pattern === 'string' ? pattern === key : pattern.test(key)));
}
