import { defineConfig } from 'tsup';

export default defineConfig({
  // `node` adds file paths; `index` stays free of node: imports for browsers.
  entry: { index: 'src/index.ts', node: 'src/node.ts' },
  format: ['esm', 'cjs'],
  // Split CommonJS too, so both entries share one registry.
  splitting: true,
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // import.meta.url in the CommonJS build (the Node loader finds the shipped weights/ folder from it).
  shims: true,
});
