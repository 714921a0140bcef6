// Node entry: everything from the main entry plus file-system helpers.
export * from './index.js';
export { nodeFileSource } from './io/node-file-source.js';
export { localRecord, readRecordFromPath, writeRecordFiles } from './wfdb/node-files.js';
