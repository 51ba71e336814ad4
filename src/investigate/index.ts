export type { Brain, BrainChoice, BrainInput, BrainName, BrainOutput, LlmModels } from './brains/index.js';
export { BRAIN_NAMES, brains, createLlmBrain } from './brains/index.js';
export type { Collected, MissingSource, SourceName } from './collect.js';
export { collectSources, DEFAULT_SOURCE_TIMEOUT_MS, SOURCES } from './collect.js';
export { investigationFiles } from './files.js';
export type { BundleRanking } from './rank-bundle.js';
export { rankBundle } from './rank-bundle.js';
export type { InvestigateOptions, Investigation, InvestigationInput } from './run.js';
export { DEFAULT_MAX_ROUNDS, investigate, investigateBundle, investigationId } from './run.js';
export {
  investigationDir,
  loadInvestigation,
  nightshiftHome,
  saveInvestigation,
  writeFolder,
} from './save.js';
export type { IncidentWindows } from './windows.js';
export { findWindows, liveWindow, readRange } from './windows.js';
