import type { Backbone } from '../core/backbone.js';
import { WeightFormatError, WeightIOError } from '../errors.js';
import { backboneFromContents, readBackboneFile } from '../weights/backbone-file.js';
import type { LoadFromUrlOptions } from '../weights/io-handlers.js';
import { sha256Hex } from '../weights/sha256.js';
import { PRETRAINED_BACKBONES, pretrainedBackboneInfo } from './catalog.js';

/** Options of the pretrained loaders. */
export interface LoadPretrainedOptions {
  /** Default true: the backbone is a frozen feature extractor. */
  frozen?: boolean;
}

/**
 * Builds a shipped backbone from the bytes of its weights file: checks the file's own tensor checksum, that it
 * holds `id`, and that its checksum is the one this package shipped (`PretrainedBackboneInfo.sha256`).
 *
 * @throws UnknownPretrainedBackboneError, WeightFormatError (another file), ChecksumError (corrupt file).
 */
export async function pretrainedBackboneFromBytes(
  id: string,
  bytes: Uint8Array | ArrayBuffer,
  source: string,
  options: LoadPretrainedOptions = {},
): Promise<Backbone> {
  const info = pretrainedBackboneInfo(id);
  const file = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const contents = await readBackboneFile(file, source);
  if (contents.backboneId !== id) {
    throw new WeightFormatError(`holds weights of "${contents.backboneId}", expected "${id}"`, source);
  }
  const sha256 = await sha256Hex(tensorData(file));
  if (sha256 !== info.sha256) {
    throw new WeightFormatError(
      `tensor data sha256 ${sha256} is not the one shipped for "${id}" (${info.sha256}); ` +
        'the file was replaced or comes from another version of @enecg/backbones',
      source,
    );
  }
  return backboneFromContents(contents, { frozen: options.frozen ?? true, source });
}

/**
 * Downloads `${baseUrl}/${id}.safetensors` (serve the package's `weights/` folder, e.g. from
 * `node_modules/@enecg/backbones/weights/` or a CDN) and builds the frozen, checksum-verified backbone. For
 * browsers; in Node, `loadPretrainedBackbone` of `@enecg/backbones/node` reads the shipped file.
 *
 * @throws UnknownPretrainedBackboneError (checked before any download), WeightIOError (network or HTTP error),
 *   WeightFormatError, ChecksumError.
 */
export async function loadPretrainedBackboneFromUrl(
  id: string,
  baseUrl: string,
  options: LoadFromUrlOptions & LoadPretrainedOptions = {},
): Promise<Backbone> {
  const info = pretrainedBackboneInfo(id);
  const url = `${baseUrl.replace(/\/+$/, '')}/${info.file}`;
  const fetchFunction = options.fetch ?? globalThis.fetch;
  let bytes: ArrayBuffer;
  try {
    const response = await fetchFunction(url, options.init);
    if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
    bytes = await response.arrayBuffer();
  } catch (error) {
    throw new WeightIOError(
      url,
      `cannot download the pretrained weights of "${id}" (shipped: ${PRETRAINED_BACKBONES.join(', ')}): ` +
        (error as Error).message,
      { cause: error },
    );
  }
  return pretrainedBackboneFromBytes(id, bytes, options.source ?? url, options);
}

/** The tensor data section of a safetensors file: every byte after the 8-byte length and the JSON header. */
function tensorData(file: Uint8Array): Uint8Array {
  const headerLength = Number(new DataView(file.buffer, file.byteOffset, 8).getBigUint64(0, true));
  return file.subarray(8 + headerLength);
}
