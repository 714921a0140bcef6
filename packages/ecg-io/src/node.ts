// Node entry: everything from the main entry plus file-system helpers.

export {
  type ChecksumEntry,
  type DownloadProgress,
  type DownloadSummary,
  downloadPhysioNet,
  downloadPtbXl,
  type PhysioNetDownloadOptions,
  PTBXL_BASE_URL,
  parseSha256Sums,
} from './datasets/physionet-download.js';
export * from './index.js';
export { nodeFileSource } from './io/node-file-source.js';
export { localRecord, readRecordFromPath, writeRecordFiles } from './wfdb/node-files.js';
