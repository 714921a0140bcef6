// Node entry: everything from the main entry plus file-system helpers.

export { DiskEmbeddingStore } from './cache/disk-store.js';
export { readModelFolder, writeModelFolder } from './cli/model-folder.js';
export * from './index.js';
