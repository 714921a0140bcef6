import * as tf from '@tensorflow/tfjs';
import { BackendUnavailableError } from '../errors.js';
import { registerWasmGradientKernels } from './wasm-gradient-kernels.js';

/** Options of {@link loadWasmBackend}. */
export interface WasmBackendOptions {
  /**
   * Folder (URL or path ending in `/`) that serves the `.wasm` files of @tensorflow/tfjs-backend-wasm, passed to
   * its `setWasmPaths`. Needed in browsers when the bundler does not copy them next to the script.
   */
  wasmPaths?: string;
}

/**
 * Loads @tensorflow/tfjs-backend-wasm (an optional peer dependency) and registers the gradient kernels it lacks,
 * so `tf.setBackend('wasm')` works and convolutional backbones train on it. An active backend stays active; when
 * none was active yet, wasm (the highest-priority backend once loaded) is initialised and becomes active, since
 * TF.js could not start it on demand.
 *
 * @throws BackendUnavailableError when the package cannot be imported.
 */
export async function loadWasmBackend(options: WasmBackendOptions = {}): Promise<void> {
  const active = tf.getBackend();
  let wasm: typeof import('@tensorflow/tfjs-backend-wasm');
  try {
    wasm = await import('@tensorflow/tfjs-backend-wasm');
  } catch (error) {
    throw new BackendUnavailableError('wasm', 'install @tensorflow/tfjs-backend-wasm 4.22', { cause: error });
  }
  if (options.wasmPaths !== undefined) wasm.setWasmPaths(options.wasmPaths);
  registerWasmGradientKernels();
  if (!active) await tf.ready();
}

/**
 * Switches TF.js to `name` (loading the wasm backend first when `name` is `wasm`).
 *
 * @throws BackendUnavailableError when the backend is not registered or fails to initialise.
 */
export async function useBackend(name: string, options: WasmBackendOptions = {}): Promise<void> {
  if (name === 'wasm') await loadWasmBackend(options);
  let ok: boolean;
  try {
    ok = await tf.setBackend(name);
  } catch (error) {
    throw new BackendUnavailableError(name, (error as Error).message, { cause: error });
  }
  if (!ok) throw new BackendUnavailableError(name, 'initialisation failed');
  await tf.ready();
}
