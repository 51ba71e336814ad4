/**
 * Evals: suite files beside the code they test, targets, assertions and graders, the runner and
 * its stored results, single-case editing, recorded interactions with the replay model, and
 * save-as-eval. The CLI (`nightshift eval`) and, later, exports, backtests and the workbench build
 * on what this index exports.
 */

export type { AssertionOutcome, CaseVerdict, EntryLocation, ParsedAssertion } from './assertions/apply.js';
export { applyAssertion, assertionEntrySchema, parseAssertionEntry, scoreCase } from './assertions/apply.js';
export type { Assertion, AssertionContext, AssertionResult } from './assertions/assertion.js';
export { defineAssertion } from './assertions/assertion.js';
export type { AssertionName } from './assertions/registry.js';
export { ASSERTION_NAMES, assertions, isAssertionName } from './assertions/registry.js';
export { codeVersion } from './code-version.js';
export type { EvalInvestigation, EvalOutput } from './output.js';
export { recordingModel } from './recording/recording-model.js';
export { ReplayMissError, replayModel, replayModelOf } from './recording/replay-model.js';
export { requestKey } from './recording/request-key.js';
export type { RecordedModelCall, RecordedToolCall, Recording } from './recording/schema.js';
export { RECORDING_VERSION, recordingSchema } from './recording/schema.js';
export type { CaseDelta, RunComparison } from './results/compare.js';
export { compareRuns, renderComparison } from './results/compare.js';
export type { CaseResult, EvalRunResult } from './results/schema.js';
export { evalRunResultSchema } from './results/schema.js';
export { exitCodeOf } from './results/summary.js';
export type { EvalRunOptions } from './runner/run.js';
export { runEvals } from './runner/run.js';
export type { SaveOptions, SaveResult } from './save/save.js';
export { saveEvalCase } from './save/save.js';
export { addCase, deleteCase, replaceCase } from './suite/edit.js';
export type { LoadedSuite } from './suite/load.js';
export { loadSuite } from './suite/load.js';
export { getCase, listCases } from './suite/read-cases.js';
export type { EvalCase, Gate, LabRecipe, SuiteFile } from './suite/schema.js';
export { suiteSchema } from './suite/schema.js';
export { runRecordedInvestigation } from './targets/investigation-recorded.js';
export { PROMPT_NAMES, prompts, promptTarget } from './targets/prompt.js';
export type { TargetDeps, TargetName } from './targets/registry.js';
export { createTargets, TARGET_NAMES, targets } from './targets/registry.js';
export type { EvalModel, EvalTarget, ResolvedSource, TargetCase, TargetEnv } from './targets/target.js';
export { defineTarget } from './targets/target.js';
