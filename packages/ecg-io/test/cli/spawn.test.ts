// Runs the real executable (bin/ecgio.js -> dist/cli.js). CI builds before testing; a local run without a
// build skips these tests, but under CI=true a missing build is a failure.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireData, sampleData, targetOutput } from '@enecg/test-data';
import { describe, expect, it } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const built = existsSync(join(packageDir, 'dist', 'cli.js'));

function ecgio(...args: string[]) {
  return spawnSync(process.execPath, [join(packageDir, 'bin', 'ecgio.js'), ...args], {
    cwd: sampleData(),
    encoding: 'latin1',
    maxBuffer: 64 * 1024 * 1024,
  });
}

describe('bin/ecgio.js', () => {
  it('is built (required under CI)', () => {
    if (process.env.CI === 'true' || process.env.CI === '1') {
      expect(built, 'dist/cli.js is missing: run the build before the tests').toBe(true);
    }
  });

  it.skipIf(!built)('prints rdsamp output identical to WFDB and exits 0', () => {
    requireData();
    const result = ecgio('rdsamp', '-r', '100_3chan', '-P');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(readFileSync(targetOutput('record-2c'), 'latin1'));
  });

  it.skipIf(!built)('exits 2 on usage errors and 1 on read errors', () => {
    requireData();
    const usage = ecgio('rdsamp', '-r', '100', '--bogus');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/^ecgio rdsamp: unknown option --bogus\n/);
    const missing = ecgio('info', 'no-such-record.hea');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^ecgio info: no-such-record\.hea: no such file/);
    expect(ecgio('--help').status).toBe(0);
  });
});
