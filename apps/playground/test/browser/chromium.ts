import { existsSync } from 'node:fs';
import { type BrowserContext, chromium } from 'playwright-core';

/** Debian's Chromium; override with CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** In CI the browser tests must run: a missing Chromium fails them instead of skipping them. */
export const BROWSER_TESTS_REQUIRED = process.env.CI === 'true';

/** Why the browser tests cannot run here, or null when Chromium is installed. */
export function missingChromiumReason(): string | null {
  return existsSync(CHROMIUM_PATH)
    ? null
    : `Chromium not found at ${CHROMIUM_PATH}: install it (apt-get install chromium) or set CHROMIUM_PATH.`;
}

/** Keep the browser itself off the network (updates, sync, field trials, QUIC probes). */
const OFFLINE_FLAGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * Headless Chromium with a fresh profile in `userDataDir`, WebGPU enabled (SwiftShader's adapter when there
 * is no GPU) and a 1280x1000 viewport at devicePixelRatio 1, so screenshot pixels are CSS pixels.
 */
export async function launchChromium(userDataDir: string): Promise<BrowserContext> {
  const runningAsRoot = process.getuid?.() === 0;
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...OFFLINE_FLAGS, '--enable-unsafe-webgpu', ...(runningAsRoot ? ['--no-sandbox'] : [])],
    viewport: { width: 1280, height: 1000 },
    deviceScaleFactor: 1,
  });
}
