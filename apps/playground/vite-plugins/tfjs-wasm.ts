import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';
import { TFJS_WASM_DIR, TFJS_WASM_FILES } from '../src/backend/wasm-location.js';

/** Folder of the installed @tensorflow/tfjs-backend-wasm binaries. */
function wasmDistDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
}

/**
 * Serves tfjs-backend-wasm's .wasm files from the app's own origin under `/<TFJS_WASM_DIR>/`: from
 * node_modules in dev, and as emitted assets in the build (so `vite preview` and any static host serve them).
 */
export function tfjsWasmFiles(): Plugin {
  const distDir = wasmDistDir();
  const known = new Set<string>(TFJS_WASM_FILES);
  return {
    name: 'enecg-tfjs-wasm-files',
    configureServer(server) {
      server.middlewares.use(`/${TFJS_WASM_DIR}/`, (req, res, next) => {
        const fileName = (req.url ?? '').split('?')[0].replace(/^\//, '');
        if (!known.has(fileName)) return next();
        res.setHeader('Content-Type', 'application/wasm');
        res.end(readFileSync(join(distDir, fileName)));
      });
    },
    generateBundle() {
      for (const fileName of TFJS_WASM_FILES) {
        this.emitFile({
          type: 'asset',
          fileName: `${TFJS_WASM_DIR}/${fileName}`,
          source: readFileSync(join(distDir, fileName)),
        });
      }
    },
  };
}
