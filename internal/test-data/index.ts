import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file lives in internal/test-data). */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The shared real-ECG data folder used by tests and benchmarks: `$ENECG_DATA_DIR` when set, else
 * `../shared/data` beside the repository. The files there are read-only and never copied into the repo.
 */
export function dataDir(): string {
  const fromEnv = process.env.ENECG_DATA_DIR;
  return fromEnv ? resolve(fromEnv) : resolve(repoRoot, '..', 'shared', 'data');
}

/** Path of a file or folder under `wfdb-sample/sample-data`. */
export function sampleData(...parts: string[]): string {
  return join(dataDir(), 'wfdb-sample', 'sample-data', ...parts);
}

/** Path of a WFDB C-tool reference output under `wfdb-sample/target-output`. */
export function targetOutput(name: string): string {
  return join(dataDir(), 'wfdb-sample', 'target-output', name);
}

/** Throws with a clear message when the shared data folder is missing, so tests never pass vacuously. */
export function requireData(): string {
  const dir = dataDir();
  if (!existsSync(join(dir, 'wfdb-sample'))) {
    throw new Error(
      `Shared ECG data not found at ${dir}. Set ENECG_DATA_DIR to the folder that holds wfdb-sample/ ` +
        '(default: ../shared/data beside the repository).',
    );
  }
  return dir;
}
