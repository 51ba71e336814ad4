/** Importers: public datasets and formats → incident bundles. */
export type {
  NezhaBundleSummary,
  NezhaFaultType,
  NezhaImportOptions,
  NezhaImportSummary,
} from './nezha/index.js';
export {
  DEFAULT_ENTRY_SERVICE,
  DEFAULT_ID_PREFIX,
  FAULT_CATEGORIES,
  INDEX_FILE,
  importNezhaDay,
} from './nezha/index.js';
