import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DownloadProgress,
  downloadPhysioNet,
  downloadPtbXl,
  parseSha256Sums,
} from '../../src/datasets/physionet-download.js';
import { DownloadError } from '../../src/errors.js';

/** Files of a miniature PhysioNet folder: name -> bytes (deterministic pseudo-random content). */
function miniatureFolder(): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const bytes = (n: number, seed: number) =>
    Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed * 7) % 251);
  files.set('ptbxl_database.csv', new TextEncoder().encode('ecg_id,patient_id\n1,1\n'));
  files.set('scp_statements.csv', new TextEncoder().encode(',description\nNORM,normal ECG\n'));
  files.set('records100/00000/00001_lr.dat', bytes(24_000, 1));
  files.set('records100/00000/00001_lr.hea', bytes(300, 2));
  files.set('records500/00000/00001_hr.dat', bytes(120_000, 3));
  return files;
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** Serves a folder on 127.0.0.1 with Range support; records every request. */
function serve(files: Map<string, Uint8Array>, sums: string) {
  const requests: { path: string; range?: string }[] = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/db\//, '');
    requests.push({ path, range: req.headers.range });
    const body = path === 'SHA256SUMS.txt' ? new TextEncoder().encode(sums) : files.get(path);
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (range) {
      const start = Number(range[1]);
      if (start >= body.length) {
        res.writeHead(416).end();
        return;
      }
      res.writeHead(206, {
        'content-length': body.length - start,
        'content-range': `bytes ${start}-${body.length - 1}/${body.length}`,
      });
      res.end(body.subarray(start));
      return;
    }
    res.writeHead(200, { 'content-length': body.length });
    res.end(body);
  });
  return { server, requests };
}

describe('downloadPhysioNet against a local server', () => {
  const files = miniatureFolder();
  const goodSums = [...files].map(([name, data]) => `${sha256(data)} ${name}`).join('\n');
  let server: Server;
  let requests: { path: string; range?: string }[];
  let baseUrl: string;

  beforeAll(async () => {
    ({ server, requests } = serve(files, goodSums));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/db/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('downloads every listed file, verifies it, reports progress, and skips verified files next time', async () => {
    const destination = await mkdtemp(join(tmpdir(), 'ecgio-dl-'));
    const progress: DownloadProgress[] = [];
    const first = await downloadPhysioNet({
      baseUrl,
      destination,
      onProgress: (p) => progress.push({ ...p }),
    });
    expect(first.downloaded.sort()).toEqual([...files.keys()].sort());
    const total = [...files.values()].reduce((n, f) => n + f.length, 0);
    expect(first.bytesReceived).toBe(total);
    for (const [name, data] of files)
      expect(new Uint8Array(await readFile(join(destination, name)))).toEqual(data);
    const last = progress.at(-1)!;
    expect(last.filesDone).toBe(files.size);
    expect(last.bytesReceived).toBe(total);

    const second = await downloadPhysioNet({ baseUrl, destination });
    expect(second.skipped.length).toBe(files.size);
    expect(second.bytesReceived).toBe(0);
    await rm(destination, { recursive: true });
  });

  it('resumes a partial file with a Range request', async () => {
    const destination = await mkdtemp(join(tmpdir(), 'ecgio-dl-'));
    const name = 'records500/00000/00001_hr.dat';
    const data = files.get(name)!;
    await mkdir(join(destination, 'records500/00000'), { recursive: true });
    await writeFile(join(destination, `${name}.part`), data.subarray(0, 50_000));
    requests.length = 0;
    const summary = await downloadPhysioNet({ baseUrl, destination, include: (p) => p === name });
    expect(summary.downloaded).toEqual([name]);
    expect(summary.bytesReceived).toBe(data.length - 50_000);
    expect(requests.find((r) => r.path === name)?.range).toBe('bytes=50000-');
    expect(new Uint8Array(await readFile(join(destination, name)))).toEqual(data);
    expect(await readdir(join(destination, 'records500/00000'))).toEqual(['00001_hr.dat']);
    await rm(destination, { recursive: true });
  });

  it('downloadPtbXl fetches the CSVs and only the requested rate', async () => {
    const destination = await mkdtemp(join(tmpdir(), 'ecgio-dl-'));
    const summary = await downloadPtbXl({ baseUrl, destination, rates: [100] });
    expect(summary.downloaded.sort()).toEqual([
      'ptbxl_database.csv',
      'records100/00000/00001_lr.dat',
      'records100/00000/00001_lr.hea',
      'scp_statements.csv',
    ]);
    await rm(destination, { recursive: true });
  });
});

describe('downloadPhysioNet failures', () => {
  it('never keeps a file whose checksum does not match, and says which file', async () => {
    const files = miniatureFolder();
    const badSums = [...files]
      .map(([name, data]) => `${name.endsWith('.hea') ? '0'.repeat(64) : sha256(data)} ${name}`)
      .join('\n');
    const { server } = serve(files, badSums);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/db/`;
    const destination = await mkdtemp(join(tmpdir(), 'ecgio-dl-'));
    const attempt = downloadPhysioNet({ baseUrl, destination, retries: 1, concurrency: 1 });
    await expect(attempt).rejects.toThrowError(DownloadError);
    await expect(attempt).rejects.toThrowError(
      /records100\/00000\/00001_lr\.hea: download failed after 2 attempts: SHA-256 mismatch/,
    );
    expect(await readdir(join(destination, 'records100/00000'))).toEqual(['00001_lr.dat']);
    await rm(destination, { recursive: true });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('rejects checksum lists with unsafe or malformed lines', () => {
    const hash = 'a'.repeat(64);
    expect(parseSha256Sums(`${hash} records100/x.dat\n\n`)).toEqual([
      { sha256: hash, path: 'records100/x.dat' },
    ]);
    expect(() => parseSha256Sums(`${hash} ../etc/passwd`)).toThrowError(/unsafe path/);
    expect(() => parseSha256Sums(`${hash} /etc/passwd`)).toThrowError(/unsafe path/);
    expect(() => parseSha256Sums('not-a-hash file')).toThrowError(
      /SHA256SUMS\.txt, line 1: malformed checksum line/,
    );
  });
});
