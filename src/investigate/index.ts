export type { Brain, BrainChoice, BrainInput, BrainName, BrainOutput, LlmModels } from './brains/index.js';
export { BRAIN_NAMES, brains, createBrain, createLlmBrain } from './brains/index.js';
export type { Collected, MissingSource, SourceName } from './collect.js';
export { collectSources, DEFAULT_SOURCE_TIMEOUT_MS, SOURCES } from './collect.js';
export type { InvestigationContext } from './context-summary.js';
export { CONTEXT_ATTRIBUTE, contextOfTrace, summariseContext } from './context-summary.js';
export { EVIDENCE_VERSION, type Evidence, evidenceInput, evidenceSchema, parseEvidence } from './evidence.js';
export { investigationFiles } from './files.js';
export type { BundleRanking } from './rank-bundle.js';
export { rankBundle } from './rank-bundle.js';
export type {
  InvestigateOptions,
  Investigation,
  InvestigationEvidence,
  InvestigationInput,
  ToolContextOptions,
} from './run.js';
export {
  bundleInvestigationInput,
  DEFAULT_MAX_ROUNDS,
  investigate,
  investigateBundle,
  investigationId,
  withToolContext,
} from './run.js';
export {
  EVIDENCE_FILE,
  investigationDir,
  loadInvestigation,
  nightshiftHome,
  saveInvestigation,
  storedInvestigationSchema,
  writeFolder,
} from './save.js';
export type { IncidentWindows } from './windows.js';
export { findWindows, liveWindow, readRange } from './windows.js';
