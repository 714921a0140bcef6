import { type SafeTensor, serializeSafetensors } from '@enecg/safetensors';
import * as tf from '@tensorflow/tfjs';
import { AdapterFormatError, AdapterIOError } from '../errors.js';
import type { LoraModel } from '../model/lora-model.js';
import type { AdapterFilesInput } from './load.js';
import { adapterContents } from './save.js';

/** `format` of the model artifacts an adapter is saved as through TensorFlow.js IO. */
export const ADAPTER_ARTIFACTS_FORMAT = 'enecg-lora-adapter';

/**
 * Saves an adapter through a TensorFlow.js IO handler or URL (`indexeddb://name`, `localstorage://name`,
 * `downloads://name`, `http(s)://...` for a POST, or `file://folder` with @tensorflow/tfjs-node). The model
 * artifacts hold adapter_config.json as `modelTopology` and the tensors as float32 weights under their PEFT
 * names, in PyTorch layout.
 */
export async function saveAdapterWithHandler(
  lora: LoraModel,
  destination: string | tf.io.IOHandler,
  adapterName?: string,
): Promise<tf.io.SaveResult> {
  const handler = typeof destination === 'string' ? tf.io.getSaveHandlers(destination)[0] : destination;
  const location = typeof destination === 'string' ? destination : 'IO handler';
  if (!handler?.save)
    throw new AdapterIOError(location, 'no TensorFlow.js save handler for this destination');
  const { config, tensors } = adapterContents(lora, adapterName);
  const weightData = new Uint8Array(
    [...tensors.values()].reduce((sum, { data }) => sum + data.byteLength, 0),
  );
  let offset = 0;
  for (const { data } of tensors.values()) {
    weightData.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), offset);
    offset += data.byteLength;
  }
  return handler.save({
    format: ADAPTER_ARTIFACTS_FORMAT,
    generatedBy: '@enecg/lora',
    modelTopology: config as unknown as object,
    weightSpecs: [...tensors].map(([name, { shape }]) => ({ name, shape, dtype: 'float32' as const })),
    weightData: weightData.buffer,
  });
}

/**
 * Reads an adapter saved by `saveAdapterWithHandler` through a TensorFlow.js IO handler or URL
 * (`indexeddb://`, `localstorage://`, `http(s)://.../model.json`, `file://` with tfjs-node), ready for
 * `loadLora` / `loadAdapter`.
 */
export async function readAdapterWithHandler(source: string | tf.io.IOHandler): Promise<AdapterFilesInput> {
  const handler = typeof source === 'string' ? tf.io.getLoadHandlers(source)[0] : source;
  const location = typeof source === 'string' ? source : 'IO handler';
  if (!handler?.load) throw new AdapterIOError(location, 'no TensorFlow.js load handler for this source');
  const artifacts = await handler.load();
  if (artifacts.format !== ADAPTER_ARTIFACTS_FORMAT || !artifacts.modelTopology) {
    throw new AdapterFormatError(`not a LoRA adapter (format ${JSON.stringify(artifacts.format)})`, location);
  }
  const decoded = tf.io.decodeWeights(
    artifacts.weightData ?? new ArrayBuffer(0),
    artifacts.weightSpecs ?? [],
  );
  const tensors = new Map<string, SafeTensor>();
  for (const [name, tensor] of Object.entries(decoded)) {
    tensors.set(name, {
      dtype: 'F32',
      shape: tensor.shape,
      data: Float32Array.from(tensor.dataSync() as Float32Array),
    });
    tensor.dispose();
  }
  return {
    config: artifacts.modelTopology as object,
    safetensors: serializeSafetensors(tensors, { format: 'pt' }),
  };
}
