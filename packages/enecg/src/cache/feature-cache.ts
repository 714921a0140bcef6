// Frozen experts give the same embedding every epoch, so each record's embedding is computed once per backbone
// and weights and then reused. Keys include the record content, the backbone and a hash of its weights, so a
// changed record or new weights never return a stale embedding.

/** Where embeddings are kept: memory (default) or disk (see DiskEmbeddingStore in the Node entry). */
export interface EmbeddingStore {
  get(key: string): Promise<Float32Array | undefined>;
  set(key: string, embedding: Float32Array): Promise<void>;
}

/** Keeps embeddings in a Map for the life of the process. */
export class MemoryEmbeddingStore implements EmbeddingStore {
  private readonly entries = new Map<string, Float32Array>();

  async get(key: string): Promise<Float32Array | undefined> {
    return this.entries.get(key);
  }

  async set(key: string, embedding: Float32Array): Promise<void> {
    this.entries.set(key, embedding);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Counts of cache use, for reports and tests. */
export interface CacheStats {
  hits: number;
  misses: number;
}

/**
 * Embedding cache for frozen backbones. `embed` returns one embedding per record, computing only the ones the
 * store lacks, in one batch call of `compute` (so the backbone still runs batched).
 */
export class FeatureCache {
  readonly stats: CacheStats = { hits: 0, misses: 0 };

  constructor(private readonly store: EmbeddingStore = new MemoryEmbeddingStore()) {}

  /**
   * @param modelKey identifies the backbone and its weights, e.g. `${id}@${weightsSha256}`.
   * @param recordKeys content hashes of the records (see `contentHash`).
   * @param compute embeds the records at the given positions, returning one embedding each, in order.
   */
  async embed(
    modelKey: string,
    recordKeys: string[],
    compute: (positions: number[]) => Promise<Float32Array[]>,
  ): Promise<Float32Array[]> {
    const keys = recordKeys.map((recordKey) => `${modelKey}/${recordKey}`);
    const found = await Promise.all(keys.map((key) => this.store.get(key)));
    const missing = found.flatMap((embedding, position) => (embedding ? [] : [position]));
    this.stats.hits += keys.length - missing.length;
    this.stats.misses += missing.length;
    if (missing.length > 0) {
      const computed = await compute(missing);
      if (computed.length !== missing.length) {
        throw new RangeError(`compute returned ${computed.length} embeddings for ${missing.length} records`);
      }
      await Promise.all(
        missing.map((position, i) => {
          found[position] = computed[i];
          return this.store.set(keys[position], computed[i]);
        }),
      );
    }
    return found as Float32Array[];
  }
}

/** SHA-256 (hex) of the bytes of some typed arrays, in order, with WebCrypto (browsers and Node). */
export async function contentHash(parts: ArrayBufferView[]): Promise<string> {
  const total = parts.reduce((n, p) => n + p.byteLength, 8 * parts.length);
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  let offset = 0;
  for (const part of parts) {
    // Each part's length goes first so that ([a, b], [c]) and ([a], [b, c]) hash differently.
    view.setFloat64(offset, part.byteLength, true);
    offset += 8;
    bytes.set(new Uint8Array(part.buffer, part.byteOffset, part.byteLength), offset);
    offset += part.byteLength;
  }
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
