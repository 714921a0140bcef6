export { type OpenPtbXlOptions, openPtbXl, type PtbXlDataset } from './ptbxl.js';
export {
  PTBXL_SUPERCLASSES,
  type PtbXlEntry,
  type PtbXlLabelOptions,
  type PtbXlSuperclass,
  parsePtbXlDatabase,
  parseScpStatements,
  type ScpStatement,
} from './ptbxl-metadata.js';
