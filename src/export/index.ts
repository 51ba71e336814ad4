/** `nightshift export`: stored investigations → self-documenting folders (docs/exports.md). */

export { BACKTEST_CASE_FILE, type BacktestExportOptions, caseFolder, exportBacktest } from './backtest.js';
export type { BacktestIndex, BacktestIndexRow } from './backtest-index.js';
export { APPROVAL_STATE } from './brief-files.js';
export { EVIDENCE_FILE, readEvidenceFile, savedEvidence } from './evidence-file.js';
export type { ExportOptions, ExportResult } from './export.js';
export { exportInvestigations } from './export.js';
export type { ExportFile } from './file.js';
export type { FolderOptions, IndexRow } from './folder.js';
export { exportFolder, folderFiles, TRACE_JSON } from './folder.js';
export { INDEX_JSON, INDEX_MD } from './index-files.js';
export type { ExportMetadata } from './metadata.js';
export { EXPORT_FORMAT, EXPORT_FORMAT_VERSION } from './metadata.js';
export { README_FILE } from './readme.js';
export type { Scrubber } from './scrub.js';
export { anonymisingScrubber, redactingScrubber } from './scrub.js';
export { idsSince, parseSince } from './since.js';
export type { AlertRef, ExportItem, ExportSources } from './sources.js';
export { loadExportItem } from './sources.js';
export type { NightshiftVersion } from './version.js';
export { nightshiftVersion } from './version.js';
