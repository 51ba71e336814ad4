/** Eval assertions: what later increments (suite files, the runner, the CLI) build on. */

export type { AssertionOutcome, CaseVerdict, EntryLocation, ParsedAssertion } from './assertions/apply.js';
export { applyAssertion, assertionEntrySchema, parseAssertionEntry, scoreCase } from './assertions/apply.js';
export type { Assertion, AssertionContext, AssertionResult } from './assertions/assertion.js';
export { defineAssertion } from './assertions/assertion.js';
export type { AssertionName } from './assertions/registry.js';
export { ASSERTION_NAMES, assertions, isAssertionName } from './assertions/registry.js';
export type { EvalInvestigation, EvalOutput } from './output.js';
