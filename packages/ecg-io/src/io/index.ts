export { blobFileSource } from './blob-source.js';
export { type ByteRange, checkByteRange, clampByteRange, type FileSource } from './file-source.js';
export { type FileBytes, memoryFileSource } from './memory-source.js';
export { baseName, dirName, joinPath, normalizePath } from './paths.js';
export { type UrlFileSourceOptions, urlFileSource } from './url-source.js';
