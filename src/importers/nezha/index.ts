/**
 * The Nezha importer (IntelligentDDS/Nezha, FSE 2023): a day of fault-injection data → one
 * incident bundle per fault. Metrics only; this copy of the data holds no logs or traces.
 */
export type { NezhaBundleSummary, NezhaImportOptions, NezhaImportSummary } from './import-day.js';
export { DEFAULT_ENTRY_SERVICE, DEFAULT_ID_PREFIX, INDEX_FILE, importNezhaDay } from './import-day.js';
export type { NezhaFaultType } from './names.js';
export { FAULT_CATEGORIES } from './names.js';
