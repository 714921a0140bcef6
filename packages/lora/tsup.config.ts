import { defineConfig } from 'tsup';

export default defineConfig({
  // `node` adds the file-system helpers; `index` stays free of node: imports for browsers.
  entry: { index: 'src/index.ts', node: 'src/node.ts' },
  format: ['esm', 'cjs'],
  // Split CommonJS too, so both entries share one copy of the layer classes (and their registration).
  splitting: true,
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
});
