// @enecg/ecg-io: read, write and preprocess ECG files. Works in browsers and Node (see ./node for file paths).

export * from './annotations/index.js';
export * from './datasets/index.js';
export * from './edf/index.js';
export * from './errors.js';
export * from './io/index.js';
export * from './leads.js';
export * from './preprocess/index.js';
export * from './record.js';
export * from './simulate/index.js';
export * from './wfdb/index.js';
