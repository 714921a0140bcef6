import manifest from '../../weights/manifest.json';
import { BackboneError } from '../errors.js';

/** What the package knows about one shipped weights file (from `weights/manifest.json`). */
export interface PretrainedBackboneInfo {
  id: string;
  /** File name in `weights/`: `<id>.safetensors`. */
  file: string;
  /** SHA-256 of the file's tensor data, as recorded in its metadata (checked on every load). */
  sha256: string;
  /** File size in bytes. */
  bytes: number;
  embeddingSize: number;
  parameters: number;
  /** The backbone's full configuration (also stored in the file). */
  config: Record<string, unknown>;
}

/** Format of `weights/manifest.json`. */
interface PretrainedManifest {
  format: 'enecg-pretrained-backbones';
  version: number;
  backbones: PretrainedBackboneInfo[];
}

const CATALOG = (manifest as unknown as PretrainedManifest).backbones;

/** Ids of the backbones with weights shipped in this package, in the order EnECG uses them as experts. */
export const PRETRAINED_BACKBONES: readonly string[] = Object.freeze(CATALOG.map((entry) => entry.id));

/** No weights are shipped for this id. */
export class UnknownPretrainedBackboneError extends BackboneError {
  readonly id: string;
  /** Ids with shipped weights. */
  readonly available: readonly string[];

  constructor(id: string, available: readonly string[]) {
    super(
      `no pretrained weights for backbone "${id}"; shipped pretrained backbones: ${available.join(', ') || '(none)'}`,
    );
    this.id = id;
    this.available = available;
  }
}

/**
 * The shipped weights file of `id`: name, checksum, size, configuration.
 *
 * @throws UnknownPretrainedBackboneError when no weights are shipped for `id`.
 */
export function pretrainedBackboneInfo(id: string): PretrainedBackboneInfo {
  const entry = CATALOG.find((candidate) => candidate.id === id);
  if (!entry) throw new UnknownPretrainedBackboneError(id, PRETRAINED_BACKBONES);
  return { ...entry, config: structuredClone(entry.config) };
}
