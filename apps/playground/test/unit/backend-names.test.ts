import { describe, expect, it } from 'vitest';
import { updateSkipReasons } from '../../src/backend/backend-names.js';

describe('updateSkipReasons', () => {
  it('records why a backend was skipped and forgets it once the backend works', () => {
    const first = updateSkipReasons({}, [
      { backend: 'webgpu', outcome: 'skipped', reason: 'no adapter' },
      { backend: 'webgl', outcome: 'chosen' },
    ]);
    expect(first).toEqual({ webgpu: 'no adapter' });
    const failedSwitch = updateSkipReasons(first, [
      { backend: 'wasm', outcome: 'skipped', reason: 'no wasm' },
    ]);
    expect(failedSwitch).toEqual({ webgpu: 'no adapter', wasm: 'no wasm' });
    expect(updateSkipReasons(failedSwitch, [{ backend: 'wasm', outcome: 'chosen' }])).toEqual({
      webgpu: 'no adapter',
    });
    expect(first).toEqual({ webgpu: 'no adapter' });
  });
});
