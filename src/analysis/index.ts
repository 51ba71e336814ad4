/**
 * Pure analysis over telemetry: no I/O, no clock, no randomness; imports only core.
 */
export type {
  ChangePoint,
  ChangePointOptions,
  Direction,
  IncidentWindow,
  IncidentWindowOptions,
  SeriesEvidence,
  ShiftScore,
  ShiftWindows,
  StreamingScorerOptions,
} from './anomaly/index.js';
export {
  detectChangePoints,
  detectIncidentWindow,
  robustBaseline,
  StreamingAnomalyScorer,
  scoreShift,
  seriesId,
} from './anomaly/index.js';
export type {
  MinedTemplate,
  MinerConfig,
  PatternChange,
  PatternDiffOptions,
  PatternRecord,
  PatternWindow,
} from './logs/index.js';
export {
  DEFAULT_MINER_CONFIG,
  DEFAULT_PATTERN_DIFF_OPTIONS,
  diffPatterns,
  maskMessage,
  mineTemplates,
  TemplateMiner,
  tokenize,
} from './logs/index.js';
