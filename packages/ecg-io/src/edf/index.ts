export { type EdfCalibration, edfCalibration } from './calibration.js';
export { type ParsedEdfHeader, parseEdfHeader } from './parse-header.js';
export { readEdf } from './read-edf.js';
export type {
  EdfAnnotation,
  EdfGap,
  EdfHeader,
  EdfPatient,
  EdfRecord,
  EdfRecording,
  EdfSignalHeader,
  EdfVariant,
  ReadEdfOptions,
} from './types.js';
