// enecg.json: what a saved model is (configuration, target statistics, the backbones it was trained with) and
// where its files are. Backbone weights are never saved, only their id, configuration and SHA-256.
import type { Backbone } from '@enecg/backbones';
import type { ResolvedEnEcgConfig } from './config.js';
import { EnEcgBackboneMismatchError, EnEcgFileError } from './errors.js';
import type { BackboneIdentity } from './identity.js';
import type { TargetStats } from './targets.js';

/** Name of the manifest file. */
export const MANIFEST_FILE = 'enecg.json';
/** `format` of the manifest. */
export const MODEL_FORMAT = 'enecg-model';
/** Version of the saved-model layout this library writes and reads. */
export const MODEL_FORMAT_VERSION = 1;

/** The content of enecg.json. */
export interface ModelManifest {
  format: typeof MODEL_FORMAT;
  formatVersion: number;
  config: ResolvedEnEcgConfig;
  /** The backbones the model was trained with, in expert order. */
  experts: { id: string; config: Record<string, unknown>; sha256: string; embeddingSize: number }[];
  /** Training-set mean and std of each regression target. */
  targetStats: Record<string, TargetStats>;
  /** Per expert and task: the head's folder, its files, and the SHA-256 of its frozen base weights ('lora'). */
  heads: Record<
    string,
    Record<string, { folder: string; files: string[]; frozenWeightsSha256: string | null }>
  >;
  /** Per task: the gate kind and its weights file (null for a fixed gate). */
  gates: Record<string, { kind: 'softmax' | 'uniform'; file: string | null }>;
  /** Whether `fit` has run. */
  trained: boolean;
}

/** Folder of a head's files. */
export function headFolder(expert: string, task: string): string {
  return `heads/${expert}/${task}`;
}

/** File of a task's gate weights. */
export function gateFile(task: string): string {
  return `gates/${task}.safetensors`;
}

/** Parses and checks enecg.json. */
export function readManifest(files: ReadonlyMap<string, Uint8Array>): ModelManifest {
  const bytes = files.get(MANIFEST_FILE);
  if (!bytes) {
    throw new EnEcgFileError(
      MANIFEST_FILE,
      `missing (files given: ${[...files.keys()].join(', ') || 'none'})`,
    );
  }
  let manifest: ModelManifest;
  try {
    manifest = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new EnEcgFileError(MANIFEST_FILE, 'not valid JSON');
  }
  if (manifest?.format !== MODEL_FORMAT) {
    throw new EnEcgFileError(
      MANIFEST_FILE,
      `format is ${JSON.stringify(manifest?.format)}, expected "${MODEL_FORMAT}"`,
    );
  }
  if (manifest.formatVersion !== MODEL_FORMAT_VERSION) {
    throw new EnEcgFileError(
      MANIFEST_FILE,
      `format version ${manifest.formatVersion} is not supported (this library reads ${MODEL_FORMAT_VERSION})`,
    );
  }
  return manifest;
}

/**
 * Checks that the given backbones are those the model was trained with: same number, ids in order,
 * configurations and weights.
 *
 * @throws EnEcgBackboneMismatchError naming the expert and what differs.
 */
export function checkBackbones(
  manifest: ModelManifest,
  backbones: readonly Backbone[],
  identities: readonly BackboneIdentity[],
): void {
  const saved = manifest.experts;
  if (backbones.length !== saved.length) {
    throw new EnEcgBackboneMismatchError(
      backbones.length,
      `${saved.length} backbones (${saved.map((s) => s.id).join(', ')})`,
      `${backbones.length} (${backbones.map((b) => b.id).join(', ')})`,
      'the number of backbones',
    );
  }
  saved.forEach((expected, i) => {
    const got = identities[i];
    if (got.id !== expected.id)
      throw new EnEcgBackboneMismatchError(i, expected.id, got.id, 'the backbone id');
    const a = JSON.stringify(sortKeys(expected.config));
    const b = JSON.stringify(sortKeys(got.config));
    if (a !== b) throw new EnEcgBackboneMismatchError(i, a, b, `the configuration of ${expected.id}`);
    if (got.sha256 !== expected.sha256) {
      throw new EnEcgBackboneMismatchError(
        i,
        `sha256 ${expected.sha256}`,
        `sha256 ${got.sha256}`,
        `the weights of ${expected.id}`,
      );
    }
  });
}

/** Files under `folder/` with the folder prefix removed. */
export function filesUnder(files: ReadonlyMap<string, Uint8Array>, folder: string): Map<string, Uint8Array> {
  const prefix = `${folder}/`;
  return new Map(
    [...files]
      .filter(([name]) => name.startsWith(prefix))
      .map(([name, bytes]) => [name.slice(prefix.length), bytes]),
  );
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
