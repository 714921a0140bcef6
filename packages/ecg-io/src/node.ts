// Node entry: everything from the main entry plus file-system helpers.
export * from './index.js';
