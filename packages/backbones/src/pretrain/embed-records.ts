import type { EcgRecord } from '@enecg/ecg-io';
import * as tf from '@tensorflow/tfjs';
import type { Backbone } from '../core/backbone.js';
import { type CropPosition, prepareRecord } from '../input/prepare-record.js';
import type { Matrix } from './probe/matrix.js';

/** Options of {@link embedRecords}. */
export interface EmbedRecordsOptions {
  /** Which window of a longer record the backbone sees (default `center`, as EnECG crops). */
  crop?: CropPosition;
  /** Records per `embed` call (default 32). */
  batchSize?: number;
  /** Called after each batch. */
  onProgress?: (done: number, total: number) => void;
}

/** Embeds records with `prepareRecord` and `backbone.embed` (inference mode): one row per record. */
export async function embedRecords(
  backbone: Backbone,
  records: readonly EcgRecord[],
  options: EmbedRecordsOptions = {},
): Promise<Matrix> {
  const { crop = 'center', batchSize = 32, onProgress } = options;
  const { length, leads } = backbone.input;
  const size = backbone.embeddingSize;
  const data = new Float64Array(records.length * size);
  for (let start = 0; start < records.length; start += batchSize) {
    const chunk = records.slice(start, start + batchSize);
    const input = new Float32Array(chunk.length * length * leads.length);
    chunk.forEach((record, i) => {
      input.set(prepareRecord(record, backbone.input, { crop }).data, i * length * leads.length);
    });
    const x = tf.tensor3d(input, [chunk.length, length, leads.length]);
    const embedding = backbone.embed(x);
    data.set(await embedding.data(), start * size);
    tf.dispose([x, embedding]);
    onProgress?.(Math.min(records.length, start + batchSize), records.length);
  }
  return { rows: records.length, cols: size, data };
}
