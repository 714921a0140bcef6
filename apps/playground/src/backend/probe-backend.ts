import type { BackendName } from './backend-names.js';

/** The slice of the WebGPU API the probe needs (TypeScript's DOM library has no WebGPU types yet). */
interface NavigatorWithGpu {
  gpu?: { requestAdapter(): Promise<unknown | null> };
}

/**
 * Why a backend cannot work in this browser, found without initialising tfjs (tfjs only logs its reasons to
 * the console), or null when nothing stands in the way.
 */
export async function whyUnavailable(backend: BackendName): Promise<string | null> {
  switch (backend) {
    case 'webgpu':
      return whyNoWebGpu();
    case 'webgl':
      return whyNoWebGl();
    case 'wasm':
      return typeof WebAssembly === 'object' ? null : 'WebAssembly is not available in this browser';
    case 'cpu':
      return null;
  }
}

async function whyNoWebGpu(): Promise<string | null> {
  const { gpu } = navigator as NavigatorWithGpu;
  if (gpu === undefined) {
    return window.isSecureContext
      ? 'this browser has no WebGPU (navigator.gpu is missing)'
      : 'WebGPU needs a secure context (https or localhost)';
  }
  try {
    const adapter = await gpu.requestAdapter();
    return adapter === null ? 'no adapter (navigator.gpu.requestAdapter() returned null)' : null;
  } catch (error) {
    return `requesting an adapter failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function whyNoWebGl(): string | null {
  const canvas = document.createElement('canvas');
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  if (gl === null) return 'no WebGL context (WebGL is disabled or the GPU is blocklisted)';
  // Free the probe's context right away: browsers allow only a few at once.
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return null;
}
