// Frozen-expert embeddings and gate inputs of a list of records, computed once (through a FeatureCache) and kept
// as [records, features] matrices in memory. Batches are copied out of them as tensors: cheaper than tf.gather,
// which takes ~30 ms for 32 rows of a 16000-feature matrix on the wasm backend.
import { type Backbone, type InputSpec, prepareBatch, prepareRecord } from '@enecg/backbones';
import type { EcgRecord } from '@enecg/ecg-io';
import * as tf from '@tensorflow/tfjs';
import type { FeatureCache } from '../cache/feature-cache.js';
import { EnEcgDataError } from './errors.js';
import { backboneIdentity, recordKey } from './identity.js';
import type { ProgressEvent } from './types.js';

/** What turns records into features: the frozen experts, the gate's input and the crop rule. */
export interface FeatureSources {
  experts: readonly Backbone[];
  /** The gate's input specification, or null when no task has a learnt gate. */
  gateSpec: InputSpec | null;
  crop: 'start' | 'center';
}

/** A row-major float32 matrix. */
export interface FeatureMatrix {
  data: Float32Array;
  rows: number;
  columns: number;
}

/** The features of N records: one [N, embeddingSize] matrix per expert and the [N, F] gate input (or null). */
export interface FeatureSet {
  experts: FeatureMatrix[];
  gate: FeatureMatrix | null;
  count: number;
}

/** The rows at `indices` as a [indices.length, columns] tensor. */
export function gatherRows(matrix: FeatureMatrix, indices: ArrayLike<number>): tf.Tensor2D {
  const { data, columns } = matrix;
  const out = new Float32Array(indices.length * columns);
  for (let i = 0; i < indices.length; i++) {
    const row = indices[i];
    out.set(data.subarray(row * columns, (row + 1) * columns), i * columns);
  }
  return tf.tensor2d(out, [indices.length, columns]);
}

/** Rows start..start+count as a tensor. */
export function sliceRows(matrix: FeatureMatrix, start: number, count: number): tf.Tensor2D {
  const { data, columns } = matrix;
  return tf.tensor2d(data.slice(start * columns, (start + count) * columns), [count, columns]);
}

/** Rows start..start+count as a matrix sharing the data. */
export function subMatrix(matrix: FeatureMatrix, start: number, count: number): FeatureMatrix {
  const { data, columns } = matrix;
  return { data: data.subarray(start * columns, (start + count) * columns), rows: count, columns };
}

/** Records start..start+count of a feature set (sharing the data). */
export function subFeatureSet(features: FeatureSet, start: number, count: number): FeatureSet {
  return {
    experts: features.experts.map((m) => subMatrix(m, start, count)),
    gate: features.gate ? subMatrix(features.gate, start, count) : null,
    count,
  };
}

/** Options of {@link computeFeatures}. */
export interface FeatureOptions {
  /** Where embeddings are looked up and stored; null computes everything and stores nothing. */
  cache: FeatureCache | null;
  /** Records per backbone call. */
  batchSize: number;
  /** Example ids, for error messages (default: record names). */
  ids?: readonly string[];
  onProgress?: (event: ProgressEvent) => void;
}

/** Computes (or finds in the cache) every expert's embedding and the gate input of each record. */
export async function computeFeatures(
  sources: FeatureSources,
  records: readonly EcgRecord[],
  options: FeatureOptions,
): Promise<FeatureSet> {
  const n = records.length;
  const total = n * (sources.experts.length + (sources.gateSpec ? 1 : 0));
  const emit = (done: number, message: string) =>
    options.onProgress?.({ phase: 'embed', done, total, message });
  const keys = options.cache ? await Promise.all(records.map(recordKey)) : [];
  const experts: FeatureMatrix[] = [];
  for (const [index, backbone] of sources.experts.entries()) {
    const modelKey = options.cache ? `${(await backboneIdentity(backbone)).cacheKey}/${sources.crop}` : '';
    let computed = 0;
    const rows = await lookUp(options, modelKey, keys, n, (positions) =>
      embedPositions(backbone, records, positions, sources.crop, options, (units) => {
        computed += units;
        emit(index * n + computed, backbone.id);
      }),
    );
    experts.push(stackRows(rows, backbone.embeddingSize, backbone.id));
    emit((index + 1) * n, backbone.id);
  }
  let gate: FeatureMatrix | null = null;
  if (sources.gateSpec) {
    const spec = sources.gateSpec;
    const rows = await lookUp(options, gateCacheKey(spec, sources.crop), keys, n, async (positions) =>
      positions.map((p) => prepareOne(records[p], spec, sources.crop, options.ids?.[p]).data),
    );
    gate = stackRows(rows, spec.length * spec.leads.length, 'gate input');
    emit(total, 'gate input');
  }
  return { experts, gate, count: n };
}

function gateCacheKey(spec: InputSpec, crop: string): string {
  const normalization = spec.normalization.kind === 'zscore' ? 'zscore' : spec.normalization.kind;
  return `gate-input/${spec.leads.join(',')}/${spec.sampleRate}Hz/${spec.length}/${normalization}/${crop}`;
}

async function lookUp(
  options: FeatureOptions,
  modelKey: string,
  keys: string[],
  n: number,
  compute: (positions: number[]) => Promise<Float32Array[]>,
): Promise<Float32Array[]> {
  if (!options.cache) return compute(Array.from({ length: n }, (_, i) => i));
  return options.cache.embed(modelKey, keys, compute);
}

async function embedPositions(
  backbone: Backbone,
  records: readonly EcgRecord[],
  positions: number[],
  crop: 'start' | 'center',
  options: FeatureOptions,
  onChunk: (units: number) => void,
): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  for (let start = 0; start < positions.length; start += options.batchSize) {
    const chunk = positions.slice(start, start + options.batchSize);
    const chunkRecords = chunk.map((p) => records[p]);
    let input: tf.Tensor3D;
    try {
      input = prepareBatch(chunkRecords, backbone.input, { crop }).input;
    } catch (error) {
      // Find the record at fault and name its example.
      for (const p of chunk) prepareOne(records[p], backbone.input, crop, options.ids?.[p]);
      throw error;
    }
    const embedding = backbone.embed(input);
    input.dispose();
    const data = (await embedding.data()) as Float32Array;
    embedding.dispose();
    const size = backbone.embeddingSize;
    for (let i = 0; i < chunk.length; i++) out.push(data.slice(i * size, (i + 1) * size));
    onChunk(chunk.length);
  }
  return out;
}

function prepareOne(record: EcgRecord, spec: InputSpec, crop: 'start' | 'center', id: string | undefined) {
  try {
    return prepareRecord(record, spec, { crop });
  } catch (error) {
    throw new EnEcgDataError(
      { exampleId: id ?? record.name, field: 'record' },
      (error as Error).message ?? String(error),
    );
  }
}

function stackRows(rows: Float32Array[], size: number, what: string): FeatureMatrix {
  const data = new Float32Array(rows.length * size);
  rows.forEach((row, i) => {
    if (row.length !== size) {
      throw new EnEcgDataError({ field: what }, `expected ${size} features per record, got ${row.length}`);
    }
    data.set(row, i * size);
  });
  return { data, rows: rows.length, columns: size };
}
