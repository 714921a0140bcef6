// Node-only: downloads a PhysioNet database folder with SHA-256 verification and resumable transfers.
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import { DownloadError } from '../errors.js';

/** PTB-XL 1.0.3 on PhysioNet. */
export const PTBXL_BASE_URL = 'https://physionet.org/files/ptb-xl/1.0.3/';

/** Progress of a download, reported after every chunk and when a file is skipped or done. */
export interface DownloadProgress {
  /** Path of the current file relative to the database folder. */
  file: string;
  /** Files finished (downloaded or already present) so far, and how many will be fetched in all. */
  filesDone: number;
  fileCount: number;
  /** Bytes of the current file on disk so far, and its size when known (both equal once the file is done). */
  fileBytes: number;
  fileTotal: number | null;
  /** Bytes received over the network in this call (resumed parts are not counted twice). */
  bytesReceived: number;
}

export interface PhysioNetDownloadOptions {
  /** URL of the database folder, e.g. PTBXL_BASE_URL. Must end with `/`. */
  baseUrl: string;
  /** Local folder to download into (created if missing). */
  destination: string;
  /** Which listed files to fetch (paths relative to the folder, `/`-separated). Default: all. */
  include?: (path: string) => boolean;
  onProgress?: (progress: DownloadProgress) => void;
  /** Transfers in flight at once. Default 4. */
  concurrency?: number;
  /** How many times a file that fails its checksum or transfer is fetched again. Default 2. */
  retries?: number;
  /** fetch implementation (default: the global fetch). */
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

export interface DownloadSummary {
  /** Files fetched (fully or by resuming a partial file). */
  downloaded: string[];
  /** Files already present with the right checksum. */
  skipped: string[];
  /** Bytes received over the network. */
  bytesReceived: number;
}

/**
 * Downloads the files listed in a PhysioNet folder's `SHA256SUMS.txt`, verifying each file's SHA-256. Files that
 * are already present with the right hash are skipped; interrupted transfers continue from their `.part` file
 * with an HTTP Range request. A file is moved into place only after its checksum matched, so a failed or
 * corrupt transfer never replaces a good file.
 */
export async function downloadPhysioNet(options: PhysioNetDownloadOptions): Promise<DownloadSummary> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (!options.baseUrl.endsWith('/')) {
    throw new DownloadError('baseUrl must end with "/"', { file: options.baseUrl });
  }
  const sumsUrl = new URL('SHA256SUMS.txt', options.baseUrl).href;
  const sumsResponse = await fetchImpl(sumsUrl, { signal: options.signal });
  if (!sumsResponse.ok) {
    throw new DownloadError(`HTTP ${sumsResponse.status} for the checksum list`, { file: sumsUrl });
  }
  const listed = parseSha256Sums(await sumsResponse.text(), sumsUrl);
  const wanted = listed.filter((entry) => options.include?.(entry.path) ?? true);

  const summary: DownloadSummary = { downloaded: [], skipped: [], bytesReceived: 0 };
  let filesDone = 0;
  const report = (file: string, fileBytes: number, fileTotal: number | null) =>
    options.onProgress?.({
      file,
      filesDone,
      fileCount: wanted.length,
      fileBytes,
      fileTotal,
      bytesReceived: summary.bytesReceived,
    });

  let next = 0;
  const worker = async () => {
    while (next < wanted.length) {
      const entry = wanted[next++];
      const { outcome, size } = await fetchVerified(
        entry,
        options,
        fetchImpl,
        (received, fileBytes, fileTotal) => {
          summary.bytesReceived += received;
          report(entry.path, fileBytes, fileTotal);
        },
      );
      (outcome === 'skipped' ? summary.skipped : summary.downloaded).push(entry.path);
      filesDone++;
      report(entry.path, size, size);
    }
  };
  const concurrency = Math.max(1, options.concurrency ?? 4);
  await Promise.all(Array.from({ length: Math.min(concurrency, wanted.length) }, worker));
  return summary;
}

/** Downloads PTB-XL (metadata CSVs plus the records at the chosen rates) from PhysioNet. */
export function downloadPtbXl(
  options: Omit<PhysioNetDownloadOptions, 'baseUrl' | 'include'> & {
    baseUrl?: string;
    rates?: (100 | 500)[];
  },
): Promise<DownloadSummary> {
  const rates = options.rates ?? [100];
  const folders = rates.map((rate) => `records${rate}/`);
  return downloadPhysioNet({
    ...options,
    baseUrl: options.baseUrl ?? PTBXL_BASE_URL,
    include: (path) => !path.includes('/') || folders.some((folder) => path.startsWith(folder)),
  });
}

/** One line of SHA256SUMS.txt. */
export interface ChecksumEntry {
  sha256: string;
  path: string;
}

/** Parses `SHA256SUMS.txt` (`<hex digest> <relative path>` per line), rejecting paths that leave the folder. */
export function parseSha256Sums(text: string, source = 'SHA256SUMS.txt'): ChecksumEntry[] {
  const entries: ChecksumEntry[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const match = /^([0-9a-fA-F]{64})\s+\*?(.+)$/.exec(line.trim());
    if (!match) {
      throw new DownloadError('malformed checksum line', { file: source, line: index + 1 });
    }
    const path = match[2];
    const normalised = normalize(path).split(sep).join('/');
    if (path.startsWith('/') || normalised.startsWith('../') || normalised === '..' || normalised !== path) {
      throw new DownloadError(`unsafe path ${JSON.stringify(path)}`, { file: source, line: index + 1 });
    }
    entries.push({ sha256: match[1].toLowerCase(), path });
  });
  return entries;
}

type ChunkCallback = (received: number, fileBytes: number, fileTotal: number | null) => void;

async function fetchVerified(
  entry: ChecksumEntry,
  options: PhysioNetDownloadOptions,
  fetchImpl: typeof fetch,
  onChunk: ChunkCallback,
): Promise<{ outcome: 'skipped' | 'downloaded'; size: number }> {
  const target = join(options.destination, ...entry.path.split('/'));
  const presentSize = await sizeOf(target);
  if (presentSize !== null && (await sha256OfFile(target)).digest('hex') === entry.sha256) {
    return { outcome: 'skipped', size: presentSize };
  }
  await mkdir(dirname(target), { recursive: true });
  const partial = `${target}.part`;
  const url = new URL(entry.path, options.baseUrl).href;
  const attempts = 1 + (options.retries ?? 2);
  let lastProblem = '';
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      const digest = await transfer(url, partial, fetchImpl, options.signal, onChunk);
      if (digest === entry.sha256) {
        await rename(partial, target);
        return { outcome: 'downloaded', size: (await sizeOf(target)) ?? 0 };
      }
      lastProblem = `SHA-256 mismatch: expected ${entry.sha256}, got ${digest}`;
    } catch (error) {
      if (options.signal?.aborted) throw error;
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    // A corrupt partial file is useless for resuming: start the next attempt from scratch.
    await rm(partial, { force: true });
  }
  throw new DownloadError(`download failed after ${attempts} attempts: ${lastProblem}`, { file: entry.path });
}

/** Fetches `url` into `partial`, resuming from its current size; resolves to the SHA-256 of the whole file. */
async function transfer(
  url: string,
  partial: string,
  fetchImpl: typeof fetch,
  signal: AbortSignal | undefined,
  onChunk: ChunkCallback,
): Promise<string> {
  const existing = (await sizeOf(partial)) ?? 0;
  const headers: Record<string, string> = existing > 0 ? { Range: `bytes=${existing}-` } : {};
  const response = await fetchImpl(url, { headers, signal });
  if (response.status === 416 && existing > 0) {
    // The partial file already holds every byte: verify it as it is.
    await response.body?.cancel();
    return (await sha256OfFile(partial)).digest('hex');
  }
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status} for ${url}`);
  const resumed = response.status === 206;
  const hash = resumed ? await sha256OfFile(partial) : createHash('sha256');
  const length = Number(response.headers.get('content-length'));
  const fileTotal = Number.isFinite(length) && length > 0 ? length + (resumed ? existing : 0) : null;
  const handle = await open(partial, resumed ? 'a' : 'w');
  let fileBytes = resumed ? existing : 0;
  try {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      await handle.write(value);
      hash.update(value);
      fileBytes += value.byteLength;
      onChunk(value.byteLength, fileBytes, fileTotal);
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

async function sha256OfFile(path: string): Promise<Hash> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash;
}

async function sizeOf(path: string): Promise<number | null> {
  try {
    return (await stat(path)).size;
  } catch {
    return null;
  }
}
