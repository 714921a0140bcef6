/**
 * Folder, under the app's base URL, that holds tfjs-backend-wasm's .wasm binaries. The Vite plugin in
 * vite-plugins/tfjs-wasm.ts serves them there in dev and copies them there at build time, so the WASM backend
 * never loads code from a CDN.
 */
export const TFJS_WASM_DIR = 'tfjs-wasm';

/** The binaries tfjs-backend-wasm picks from (plain, SIMD, threaded SIMD) depending on browser support. */
export const TFJS_WASM_FILES = [
  'tfjs-backend-wasm.wasm',
  'tfjs-backend-wasm-simd.wasm',
  'tfjs-backend-wasm-threaded-simd.wasm',
] as const;
