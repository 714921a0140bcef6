import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BackendChoice, type InitBackendOptions, initBackend } from './init-backend.js';

/** The SwiftShader Vulkan driver that Debian's `chromium` package ships (a CPU implementation of Vulkan). */
export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

/** Result of {@link installNodeWebGpu}. */
export type NodeWebGpuStatus = { available: true; adapter: string } | { available: false; reason: string };

let installed: Promise<NodeWebGpuStatus> | null = null;

/**
 * Provides WebGPU to TF.js in Node: `navigator.gpu` from the `webgpu` package (Dawn), and the TF.js WebGPU
 * backend registered. Dawn uses whatever adapter the machine has; when `VK_ICD_FILENAMES` is unset and
 * SwiftShader is installed (Debian: `apt-get install chromium libvulkan1`), it is selected, so machines without
 * a GPU still get a (CPU-backed) WebGPU adapter. `XDG_RUNTIME_DIR` gets a temporary folder when unset.
 * Never throws: the status says why WebGPU is not available.
 */
export function installNodeWebGpu(): Promise<NodeWebGpuStatus> {
  installed ??= install();
  return installed;
}

async function install(): Promise<NodeWebGpuStatus> {
  // Dawn reads these when it creates its instance, so they must be set before `create`.
  if (!process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER_ICD))
    process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  if (!process.env.XDG_RUNTIME_DIR) process.env.XDG_RUNTIME_DIR = mkdtempSync(join(tmpdir(), 'xdg-'));
  let dawn: { create(flags: string[]): unknown; globals: object };
  try {
    dawn = (await import(/* @vite-ignore */ 'webgpu')) as typeof dawn;
  } catch (error) {
    return {
      available: false,
      reason: `install the optional package webgpu (Dawn for Node): ${(error as Error).message}`,
    };
  }
  Object.assign(globalThis, dawn.globals);
  const gpu = dawn.create([]) as { requestAdapter(): Promise<{ info?: { description?: string } } | null> };
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (!adapter) {
    return {
      available: false,
      reason:
        'Dawn found no WebGPU adapter (no GPU driver; for SwiftShader install Debian packages chromium and libvulkan1)',
    };
  }
  const g = globalThis as { navigator?: { gpu?: unknown } };
  if (g.navigator) Object.defineProperty(g.navigator, 'gpu', { value: gpu, configurable: true });
  else Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true });
  try {
    await import('@tensorflow/tfjs-backend-webgpu'); // registers the backend (after navigator.gpu exists)
  } catch (error) {
    return {
      available: false,
      reason: `install @tensorflow/tfjs-backend-webgpu 4.22 (${(error as Error).message})`,
    };
  }
  return { available: true, adapter: adapter.info?.description || 'WebGPU adapter' };
}

/**
 * Node version of `initBackend`: installs WebGPU first (when `webgpu` is in `prefer`), then picks the first
 * backend that works; the reason for skipping WebGPU comes from {@link installNodeWebGpu}.
 */
export async function initNodeBackend(
  options: InitBackendOptions = {},
): Promise<BackendChoice & { webgpu?: NodeWebGpuStatus }> {
  const prefer = options.prefer ?? ['webgpu', 'wasm', 'cpu'];
  if (!prefer.includes('webgpu')) return initBackend({ ...options, prefer });
  const webgpu = await installNodeWebGpu();
  const choice = await initBackend({ ...options, prefer });
  if (!webgpu.available) {
    for (const s of choice.skipped) if (s.backend === 'webgpu') s.reason = webgpu.reason;
  }
  return { ...choice, webgpu };
}
