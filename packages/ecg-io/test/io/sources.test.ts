import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EcgIoError, EcgRangeError, MissingFileError } from '../../src/errors.js';
import { blobFileSource, type FileSource, memoryFileSource, urlFileSource } from '../../src/io/index.js';
import { nodeFileSource } from '../../src/io/node-file-source.js';

const BYTES = Uint8Array.from({ length: 10 }, (_, i) => i * 10);

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'ecgio-sources-'));
  await mkdir(join(folder, 'sub'));
  await writeFile(join(folder, 'sub', 'a.dat'), BYTES);
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** A fake fetch serving BYTES at /db/sub/a.dat, honouring Range like a real server. */
function fakeServer(options: { ignoreRange?: boolean } = {}) {
  const requests: { url: string; method: string; range: string | null }[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    const range = new Headers(init?.headers).get('Range');
    requests.push({ url, method, range });
    if (url !== 'https://example.org/db/sub/a.dat') return new Response('not found', { status: 404 });
    if (method === 'HEAD') return new Response(null, { headers: { 'Content-Length': String(BYTES.length) } });
    const match = /^bytes=(\d+)-(\d*)$/.exec(range ?? '');
    if (match === null || options.ignoreRange) return new Response(BYTES.slice());
    const start = Number(match[1]);
    if (start >= BYTES.length) return new Response(null, { status: 416 });
    const end = match[2] === '' ? BYTES.length : Math.min(Number(match[2]) + 1, BYTES.length);
    return new Response(BYTES.slice(start, end), {
      status: 206,
      headers: { 'Content-Range': `bytes ${start}-${end - 1}/${BYTES.length}` },
    });
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}

const SOURCES: [string, () => FileSource][] = [
  ['memory', () => memoryFileSource({ 'sub/a.dat': BYTES })],
  ['memory (ArrayBuffer, Map)', () => memoryFileSource(new Map([['sub/a.dat', BYTES.slice().buffer]]))],
  ['blob', () => blobFileSource({ 'sub/a.dat': new Blob([BYTES]) })],
  ['File objects', () => blobFileSource([new File([BYTES], 'a.dat')])],
  ['url', () => urlFileSource('https://example.org/db', { fetch: fakeServer().fetch })],
  [
    'url, server ignoring Range',
    () => urlFileSource('https://example.org/db/', { fetch: fakeServer({ ignoreRange: true }).fetch }),
  ],
  ['node file system', () => nodeFileSource(folder)],
];

describe.each(SOURCES)('%s source', (kind, make) => {
  const name = kind === 'File objects' ? 'a.dat' : 'sub/a.dat';

  it('reads whole files and byte ranges, clamped to the end of the file', async () => {
    const source = make();
    expect([...(await source.read(name))]).toEqual([...BYTES]);
    expect([...(await source.read(name, { start: 3, end: 6 }))]).toEqual([30, 40, 50]);
    expect([...(await source.read(name, { start: 8 }))]).toEqual([80, 90]);
    expect([...(await source.read(name, { start: 8, end: 1000 }))]).toEqual([80, 90]);
    expect([...(await source.read(name, { start: 20, end: 30 }))]).toEqual([]);
    expect([...(await source.read(name, { start: 4, end: 4 }))]).toEqual([]);
  });

  it('normalises names with ./ and ..', async () => {
    if (kind === 'File objects') return;
    expect([...(await make().read('sub/./x/../a.dat', { start: 9 }))]).toEqual([90]);
  });

  it('tells file sizes', async () => {
    expect(await make().size?.(name)).toBe(10);
  });

  it('rejects missing files with MissingFileError naming the file', async () => {
    const error = await make()
      .read('sub/missing.dat')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingFileError);
    expect((error as MissingFileError).file).toBe('sub/missing.dat');
    await expect(make().size?.('sub/missing.dat')).rejects.toBeInstanceOf(MissingFileError);
  });

  it('rejects malformed ranges with EcgRangeError', async () => {
    await expect(make().read(name, { start: -1 })).rejects.toBeInstanceOf(EcgRangeError);
    await expect(make().read(name, { start: 5, end: 2 })).rejects.toBeInstanceOf(EcgRangeError);
    await expect(make().read(name, { start: 0.5 })).rejects.toBeInstanceOf(EcgRangeError);
  });
});

describe('urlFileSource', () => {
  it('sends HTTP Range headers for ranges only, under the base folder', async () => {
    const server = fakeServer();
    const source = urlFileSource('https://example.org/db/', { fetch: server.fetch });
    await source.read('sub/a.dat');
    await source.read('sub/a.dat', { start: 2, end: 5 });
    await source.read('sub/a.dat', { start: 7 });
    expect(server.requests.map((r) => r.range)).toEqual([null, 'bytes=2-4', 'bytes=7-']);
    expect(server.requests.every((r) => r.url === 'https://example.org/db/sub/a.dat')).toBe(true);
  });

  it('passes extra request options and encodes odd characters in names', async () => {
    const server = fakeServer();
    const source = urlFileSource('https://example.org/db/', {
      fetch: server.fetch,
      init: { headers: { Authorization: 'Bearer x' } },
    });
    await expect(source.read('a b#1.hea')).rejects.toBeInstanceOf(MissingFileError);
    expect(server.requests[0].url).toBe('https://example.org/db/a%20b%231.hea');
  });

  it('reports network failures and server errors as EcgIoError naming the file', async () => {
    const failing = urlFileSource('https://example.org/', {
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    const error = await failing.read('x.hea').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingFileError);
    expect(String(error)).toMatch(/x\.hea: request to https:\/\/example\.org\/x\.hea failed: fetch failed/);
    const broken = urlFileSource('https://example.org/', {
      fetch: async () => new Response('oops', { status: 500, statusText: 'Internal Server Error' }),
    });
    await expect(broken.read('x.hea')).rejects.toThrow(EcgIoError);
    await expect(broken.read('x.hea')).rejects.toThrow(/HTTP 500/);
  });
});
