import { EcgIoError, MissingFileError } from '../errors.js';
import { type ByteRange, checkByteRange, type FileSource } from './file-source.js';
import { normalizePath } from './paths.js';

/** Options of `urlFileSource`. */
export interface UrlFileSourceOptions {
  /** fetch implementation (default: the global `fetch`). Inject one to add caching, retries or tests. */
  fetch?: typeof fetch;
  /** Extra request options passed to every fetch (headers, credentials, an AbortSignal...). */
  init?: RequestInit;
}

/**
 * A FileSource that fetches files over HTTP(S) from the folder `baseUrl` (e.g.
 * `https://physionet.org/files/ptb-xl/1.0.3/`). Ranged reads send an HTTP `Range` header, so reading a few
 * seconds of a long record downloads only those bytes; servers that ignore `Range` still work (the full
 * response is sliced). A 404 or 410 response, or a failed request, rejects with MissingFileError.
 */
export function urlFileSource(baseUrl: string | URL, options: UrlFileSourceOptions = {}): FileSource {
  const base = new URL(String(baseUrl).endsWith('/') ? String(baseUrl) : `${baseUrl}/`);
  const doFetch = options.fetch ?? globalThis.fetch;

  function urlOf(name: string): URL {
    const encoded = normalizePath(name).split('/').map(encodeURIComponent).join('/');
    return new URL(encoded, base);
  }

  async function request(name: string, method: string, range?: string): Promise<Response> {
    const url = urlOf(name);
    const headers = new Headers(options.init?.headers);
    if (range !== undefined) headers.set('Range', range);
    let response: Response;
    try {
      response = await doFetch(url, { ...options.init, method, headers });
    } catch (error) {
      throw new MissingFileError(`request to ${url.href} failed: ${(error as Error).message}`, {
        file: name,
      });
    }
    if (response.status === 404 || response.status === 410) {
      throw new MissingFileError(`${url.href} answered HTTP ${response.status}`, { file: name });
    }
    return response;
  }

  return {
    async read(name: string, range?: ByteRange): Promise<Uint8Array> {
      if (range !== undefined) checkByteRange(name, range);
      const start = range?.start ?? 0;
      const end = range?.end;
      if (end === start) return new Uint8Array(0);
      const ranged = start > 0 || end !== undefined;
      const response = await request(
        name,
        'GET',
        ranged ? `bytes=${start}-${end === undefined ? '' : end - 1}` : undefined,
      );
      // 416: the range starts at or after the end of the file, so there are no bytes to return.
      if (response.status === 416) return new Uint8Array(0);
      if (!response.ok) {
        throw new EcgIoError(`HTTP ${response.status} ${response.statusText} for ${urlOf(name).href}`, {
          file: name,
        });
      }
      const body = new Uint8Array(await response.arrayBuffer());
      if (response.status === 206) {
        const served = /^bytes (\d+)-/.exec(response.headers.get('Content-Range') ?? '');
        if (served !== null && Number(served[1]) !== start) {
          throw new EcgIoError(`server returned bytes from ${served[1]} instead of ${start}`, { file: name });
        }
        return end === undefined ? body : body.subarray(0, end - start);
      }
      // 200: the server ignored the Range header and sent the whole file.
      return body.subarray(Math.min(start, body.length), end === undefined ? body.length : end);
    },
    async size(name: string): Promise<number> {
      const response = await request(name, 'HEAD');
      const length = response.headers.get('Content-Length');
      if (!response.ok || length === null || !/^\d+$/.test(length)) {
        throw new EcgIoError(
          `cannot tell the size of ${urlOf(name).href} (HTTP ${response.status}, no Content-Length)`,
          { file: name },
        );
      }
      return Number(length);
    },
  };
}
