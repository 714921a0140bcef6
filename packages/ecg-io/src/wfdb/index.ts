export { signalChecksum } from './checksum.js';
export type { WfdbWriteFormat } from './encode.js';
export { decodeFlac, type FlacStream } from './flac.js';
export { formatHeader } from './format-header.js';
export { samplesInBytes, WFDB_FORMAT_CODES, type WfdbFormat, wfdbFormat } from './formats.js';
export { averageFrames, type FrameAveraging, holdToRate } from './frames.js';
export type {
  WfdbDate,
  WfdbHeader,
  WfdbMultiHeader,
  WfdbSegmentSpec,
  WfdbSignalSpec,
  WfdbSingleHeader,
  WfdbTime,
} from './header.js';
export { MAX_SAMPLES_PER_SIGNAL } from './limits.js';
export { parseWfdbHeader, WFDB_DEFAULT_FREQUENCY } from './parse-header.js';
export { parsePatientInfo } from './patient.js';
export { toPhysical, WFDB_DEFAULT_GAIN } from './physical.js';
export { readWfdbHeader, wfdbHeaderPath } from './read-header.js';
export { readWfdbRecord, type WfdbReadOptions, type WfdbRecord } from './read-record.js';
export type { SignalSelection } from './selection.js';
export { wfdbSignalInfo } from './signal-info.js';
export {
  type WfdbWriteInput,
  type WfdbWriteSignal,
  type WrittenWfdbRecord,
  writeWfdbRecord,
} from './write-record.js';
