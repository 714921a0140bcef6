// Node-only: an EmbeddingStore that persists embeddings as little-endian float32 files, one per key.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EmbeddingStore } from './feature-cache.js';

/** Stores each embedding in `<folder>/<sha256 of key>.f32`; writes go through a temporary file and a rename. */
export class DiskEmbeddingStore implements EmbeddingStore {
  constructor(private readonly folder: string) {}

  async get(key: string): Promise<Float32Array | undefined> {
    try {
      const bytes = await readFile(this.pathOf(key));
      if (bytes.byteLength % 4 !== 0) return undefined;
      return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async set(key: string, embedding: Float32Array): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    const path = this.pathOf(key);
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, new Uint8Array(embedding.buffer, embedding.byteOffset, embedding.byteLength));
    await rename(temporary, path);
  }

  private pathOf(key: string): string {
    return join(this.folder, `${createHash('sha256').update(key).digest('hex')}.f32`);
  }
}
