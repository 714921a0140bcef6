import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { backbonesPackageRoot } from '../../src/pretrained/node-loader.js';

/**
 * The WFDB sample folder (`wfdb-sample/sample-data`): `--sample-data`, else `$ENECG_DATA_DIR/wfdb-sample/
 * sample-data`, else `../shared/data/wfdb-sample/sample-data` beside the repository. Null when it does not exist.
 */
export function sampleDataDirectory(option: string | undefined): string | null {
  const candidate = option
    ? resolve(option)
    : join(
        process.env.ENECG_DATA_DIR
          ? resolve(process.env.ENECG_DATA_DIR)
          : resolve(backbonesPackageRoot(), '..', '..', '..', 'shared', 'data'),
        'wfdb-sample',
        'sample-data',
      );
  return existsSync(join(candidate, '100.hea')) || existsSync(join(candidate, 'a103l.hea'))
    ? candidate
    : null;
}

/** `12.3 s`, `4 min 05 s`. */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 60) return `${seconds.toFixed(0)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${String(Math.round(seconds - minutes * 60)).padStart(2, '0')} s`;
}
