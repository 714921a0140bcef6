import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Backbone } from '../core/backbone.js';
import { WeightIOError } from '../errors.js';
import { PRETRAINED_BACKBONES, pretrainedBackboneInfo } from './catalog.js';
import { type LoadPretrainedOptions, pretrainedBackboneFromBytes } from './load-pretrained.js';

const PACKAGE_NAME = '@enecg/backbones';

/**
 * The folder of this package (the one whose package.json is named `@enecg/backbones`), found by walking up
 * from this module: `dist/` once built, `src/pretrained/` in the repository.
 */
export function backbonesPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if (JSON.parse(readFileSync(manifest, 'utf8')).name === PACKAGE_NAME) return dir;
      } catch {
        // An unreadable package.json is not ours: keep walking up.
      }
    }
    const parent = dirname(dir);
    if (parent === dir)
      throw new WeightIOError(fileURLToPath(import.meta.url), `no ${PACKAGE_NAME} package.json above`);
    dir = parent;
  }
}

/** The folder of the shipped weights (`<package>/weights`). */
export function pretrainedWeightsDirectory(): string {
  return join(backbonesPackageRoot(), 'weights');
}

/**
 * Path of the shipped weights file of `id`.
 *
 * @throws UnknownPretrainedBackboneError when no weights are shipped for `id`.
 */
export function pretrainedWeightsPath(id: string): string {
  return join(pretrainedWeightsDirectory(), pretrainedBackboneInfo(id).file);
}

/**
 * Loads a shipped pretrained backbone (see `PRETRAINED_BACKBONES`): frozen, its configuration rebuilt from the
 * file, the file's checksum verified against the one shipped.
 *
 * @throws UnknownPretrainedBackboneError (no weights for `id`; the message lists the shipped ids), WeightIOError
 *   (the file is missing or unreadable), WeightFormatError, ChecksumError.
 */
export async function loadPretrainedBackbone(
  id: string,
  options: LoadPretrainedOptions = {},
): Promise<Backbone> {
  const path = pretrainedWeightsPath(id);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new WeightIOError(
      path,
      `cannot read the pretrained weights of "${id}" (shipped: ${PRETRAINED_BACKBONES.join(', ')}): ` +
        (error as Error).message,
      { cause: error },
    );
  }
  return pretrainedBackboneFromBytes(id, bytes, path, options);
}
