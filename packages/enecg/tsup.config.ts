import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts', node: 'src/node.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
  },
  // The CLI: ESM only (it finds the shipped model next to dist/ through import.meta.url).
  { entry: { cli: 'src/cli.ts' }, format: ['esm'], sourcemap: true, target: 'es2022' },
]);
