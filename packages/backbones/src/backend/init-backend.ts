import * as tf from '@tensorflow/tfjs';
import { BackendUnavailableError } from '../errors.js';
import { loadWasmBackend, type WasmBackendOptions } from './wasm-backend.js';

/** Backends `initBackend` knows how to try. */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** Options of {@link initBackend}. */
export interface InitBackendOptions extends WasmBackendOptions {
  /** Backends in order of preference. Default: webgpu, webgl, wasm, cpu. */
  prefer?: readonly BackendName[];
}

/** What {@link initBackend} chose, and why each backend before it was skipped. */
export interface BackendChoice {
  backend: BackendName;
  skipped: { backend: BackendName; reason: string }[];
}

/** The default order: GPU first, then XNNPACK wasm, then plain JavaScript. */
export const DEFAULT_BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/**
 * Switches TF.js to the first backend of `prefer` that starts here and computes a small matrix product
 * correctly, and reports why the others before it were skipped. Works in browsers and Node (in Node, use the
 * version from `@enecg/backbones/node`, which first provides WebGPU through the `webgpu` package).
 * WebGPU needs `@tensorflow/tfjs-backend-webgpu` imported by the application (it registers the backend).
 *
 * @throws BackendUnavailableError naming every backend tried and its reason when none works.
 */
export async function initBackend(options: InitBackendOptions = {}): Promise<BackendChoice> {
  const skipped: BackendChoice['skipped'] = [];
  for (const backend of options.prefer ?? DEFAULT_BACKEND_ORDER) {
    const reason = await whyBackendFails(backend, options);
    if (reason === null) return { backend, skipped };
    skipped.push({ backend, reason });
  }
  throw new BackendUnavailableError(
    (options.prefer ?? DEFAULT_BACKEND_ORDER).join(', '),
    skipped.map((s) => `${s.backend}: ${s.reason}`).join('; '),
  );
}

/** Why `backend` cannot be used here (null: it is now active and computes correctly). */
async function whyBackendFails(backend: BackendName, options: WasmBackendOptions): Promise<string | null> {
  if (backend === 'webgpu' && !(globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu) {
    return 'no WebGPU here (navigator.gpu is missing)';
  }
  if (backend === 'wasm') {
    try {
      await loadWasmBackend(options);
    } catch (error) {
      return (error as Error).message;
    }
  }
  if (!tf.findBackendFactory(backend)) {
    return backend === 'webgpu'
      ? 'the TF.js WebGPU backend is not registered (import @tensorflow/tfjs-backend-webgpu)'
      : `the TF.js ${backend} backend is not registered here`;
  }
  try {
    if (!(await tf.setBackend(backend))) return 'TF.js could not initialise it (no adapter or context)';
  } catch (error) {
    return `TF.js could not initialise it: ${(error as Error).message}`;
  }
  const product = tf.tidy(() => tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([5, 6], [2, 1])));
  const values = Array.from(await product.data());
  product.dispose();
  return values[0] === 17 && values[1] === 39 ? null : `a test product gave [${values}] instead of [17, 39]`;
}
