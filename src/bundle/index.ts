/**
 * Incident bundles (the format: docs/bundles.md): open and stream them, validate them,
 * write them atomically. truth.yaml is not reachable from here; scoring code imports
 * `bundle/scoring.ts`.
 */
export type { CachedSource, CacheOutcome } from './cache/cached-read.js';
export { BUNDLE_CACHE_FOLDER, defaultUserCacheDir } from './cache/location.js';
export type { SourceRecords } from './decode.js';
export { outsideRange } from './decode.js';
export { formatYaml, toIncidentYaml, toTopologyYaml, toTruthYaml } from './documents.js';
export type { BundleFiles, BundleScan, DataFile, DataSource } from './files.js';
export { findBundleFiles, scanBundleFiles } from './files.js';
export type { Bundle, BundleCacheOptions, OpenBundleOptions, ReadOptions } from './reader.js';
export { DEFAULT_BATCH_SIZE, openBundle } from './reader.js';
export type { FileCheck } from './regular-file.js';
export { assertBundleFile, checkBundleFile, RefusedFileError } from './regular-file.js';
export { writeFileAtomic } from './replace-file.js';
export type { ReplaceHints, ReplaceOptions } from './replace-folder.js';
export { writeFolderAtomically } from './replace-folder.js';
export {
  formatChangeLine,
  formatEventLine,
  formatHistoryLine,
  formatLogLine,
  formatMetricCsvRow,
  formatMetricJsonLine,
  formatMetricsCsvHeader,
  formatSpanLine,
  METRICS_CSV_HEADER,
} from './serialize.js';
export type { LineSink, LineSinkOptions } from './sink.js';
export type { BundleValidation, ValidateOptions } from './validate.js';
export { validateBundle } from './validate.js';
export type { BundleContent, WriteBundleOptions } from './write-bundle.js';
export { writeBundle } from './write-bundle.js';
export type { BundleWriter, BundleWriterOptions, DataFileName, YamlFileName } from './writer.js';
export { createBundleWriter } from './writer.js';
