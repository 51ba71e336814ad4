/** `nightshift diff`: where two runs of an investigation part, and how their reports differ (docs/diff.md). */
export { canonicalJson, excerpts, shortHash } from './canonical.js';
export type {
  Divergence,
  DivergenceKind,
  ReportDifference,
  ReportField,
  RunDiff,
  StepSummary,
} from './compare.js';
export { diffReports, diffRuns, firstDivergence, NONE, REPORT_FIELDS } from './compare.js';
export type { LoadedRun } from './load.js';
export { EXPORT_REPORT_FILE, EXPORT_TRACE_FILE, loadRun, parseReport, readExportFolder } from './load.js';
export { formatRunDiff } from './render.js';
export type { Step, StepKind } from './steps.js';
export { inLogicalOrder, stepsOf } from './steps.js';
