export {
  type AnalysisResult,
  type AnalyzeOptions,
  type AnalyzeProgress,
  analyzeBacktest,
} from './analyze.js';
export { cohortId, groupCohorts, KIND_TITLES } from './cohorts.js';
export { type CaseFacts, callPath, caseFacts, parseInvestigationParts } from './facts.js';
export type { AnalystModel } from './llm.js';
export { DEFAULT_PLAYBOOKS_DIR, loadPlaybooks, PLAYBOOK_NAMES, type Playbooks } from './playbooks.js';
export { diagnose, ROOT_CAUSE_RULES, RULES, type Rule } from './rules.js';
export {
  type CaseAnalysis,
  type Cohort,
  caseAnalysisSchema,
  cohortSchema,
  FAILURE_KINDS,
  type FailureKind,
  type Finding,
  findingSchema,
} from './schema.js';
export { selectionReasons } from './select.js';
export { type CodePointer, codeOf, STAGE_NAMES, type StageName, stages } from './stages.js';
