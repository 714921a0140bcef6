import { defineConfig } from 'vite';
import { tfjsWasmFiles } from './vite-plugins/tfjs-wasm.js';

export default defineConfig({
  // Preact through esbuild's automatic JSX runtime: no framework plugin needed.
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  plugins: [tfjsWasmFiles()],
  build: {
    target: 'es2022',
    // TensorFlow.js alone is ~1.5 MB minified; the warning would fire on every build.
    chunkSizeWarningLimit: 4000,
  },
});
