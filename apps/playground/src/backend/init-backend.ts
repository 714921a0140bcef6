import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { BackendAttempt, BackendChoice, BackendName } from './backend-names.js';
import { whyUnavailable } from './probe-backend.js';
import { TFJS_WASM_DIR } from './wasm-location.js';

// The WASM binaries come from the app's own origin (see wasm-location.ts), never from a CDN. Must run
// before the WASM backend is first initialised.
setWasmPaths(`${import.meta.env.BASE_URL}${TFJS_WASM_DIR}/`);

/**
 * Switches TensorFlow.js to the first backend in `prefer` that works here, and says why each one before it
 * was skipped. A backend counts as working once tfjs initialises it and a small matrix product on it gives
 * the right answer. When none works, tfjs stays on the backend it had.
 */
export async function initBackend(options: { prefer: readonly BackendName[] }): Promise<BackendChoice> {
  const previous = currentBackend();
  const attempts: BackendAttempt[] = [];
  for (const backend of options.prefer) {
    const reason = await whyItFails(backend);
    if (reason === null) {
      attempts.push({ backend, outcome: 'chosen' });
      return { active: backend, attempts };
    }
    attempts.push({ backend, outcome: 'skipped', reason });
  }
  // A backend that initialised but failed the test computation may be active now: go back.
  if (previous !== null && currentBackend() !== previous) await tf.setBackend(previous);
  return { active: currentBackend(), attempts };
}

/** Why switching to `backend` failed, or null once tfjs runs on it. */
async function whyItFails(backend: BackendName): Promise<string | null> {
  const unavailable = await whyUnavailable(backend);
  if (unavailable !== null) return unavailable;
  if (!(await tf.setBackend(backend))) {
    return 'TensorFlow.js could not initialise it (its error is in the browser console)';
  }
  return wrongProductReason();
}

/** Checks the active backend computes: [[1, 2], [3, 4]] x [5, 6] must be [17, 39]. */
async function wrongProductReason(): Promise<string | null> {
  const product = tf.tidy(() => tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([5, 6], [2, 1])));
  const values = Array.from(await product.data());
  product.dispose();
  return values[0] === 17 && values[1] === 39
    ? null
    : `a test computation gave [${values.join(', ')}] instead of [17, 39]`;
}

function currentBackend(): BackendName | null {
  // tf.getBackend() only reads the name; it is null until a backend was set.
  return (tf.getBackend() as BackendName | null) ?? null;
}
