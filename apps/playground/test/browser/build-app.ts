import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { APP_DIR } from './app-dir.js';
import { BROWSER_TESTS_REQUIRED, missingChromiumReason } from './chromium.js';

/** What the built app is made from: a change to any of these makes dist/ stale. */
const SOURCES = [
  'src',
  'index.html',
  'vite.config.ts',
  'vite-plugins',
  'package.json',
  'node_modules/@enecg/ecg-io/dist',
];

/** Vitest global setup of the browser tests: builds the app unless dist/ is newer than its sources. */
export default async function buildApp(): Promise<void> {
  if (missingChromiumReason() !== null && !BROWSER_TESTS_REQUIRED) return; // The tests will be skipped.
  const builtAt = modifiedAt(join(APP_DIR, 'dist', 'index.html'));
  const sourcesAt = Math.max(...SOURCES.map((source) => newestModification(join(APP_DIR, source))));
  if (builtAt > sourcesAt) return;
  console.log('[browser tests] building the playground (dist/ is missing or older than its sources)');
  await build({ root: APP_DIR, logLevel: 'warn' });
}

function modifiedAt(path: string): number {
  return existsSync(path) ? statSync(path).mtimeMs : 0;
}

/** Latest modification time of a file, or of any file in a folder (following the workspace symlink). */
function newestModification(path: string): number {
  if (!existsSync(path)) return 0;
  const real = realpathSync(path);
  if (!statSync(real).isDirectory()) return statSync(real).mtimeMs;
  const entries = readdirSync(real, { recursive: true, encoding: 'utf8' });
  return Math.max(0, ...entries.map((entry) => statSync(join(real, entry)).mtimeMs));
}
