/**
 * Every eval assertion, by the name a suite file gives as `type:` (promptfoo's names where
 * promptfoo has one). Adding an assertion is one entry (in its topic's file) plus one line here;
 * the compiler checks the entry is complete, and `apply.ts` derives the accepted names, the
 * `not-` variants and the value schemas from this table.
 */
import type { Assertion } from './assertion.js';
import { costAssertion, latencyAssertion } from './budget.js';
import {
  actionsSafeAssertion,
  causingChangeAssertion,
  confidenceAssertion,
  evidenceCitedAssertion,
  noSecretsAssertion,
  rootCauseAssertion,
} from './domain.js';
import { fieldAssertion, isJsonAssertion, jsonSchemaAssertion } from './json.js';
import { llmRubricAssertion } from './llm-rubric.js';
import {
  containsTextAssertion,
  equalsAssertion,
  icontainsAssertion,
  regexAssertion,
  startsWithAssertion,
} from './text.js';
import { stepCountAssertion, toolSequenceAssertion, toolUsedAssertion } from './trajectory.js';

export const assertions = {
  equals: equalsAssertion,
  contains: containsTextAssertion,
  icontains: icontainsAssertion,
  regex: regexAssertion,
  'starts-with': startsWithAssertion,
  'is-json': isJsonAssertion,
  'json-schema': jsonSchemaAssertion,
  field: fieldAssertion,
  latency: latencyAssertion,
  cost: costAssertion,
  'trajectory:tool-used': toolUsedAssertion,
  'trajectory:tool-sequence': toolSequenceAssertion,
  'trajectory:step-count': stepCountAssertion,
  'root-cause': rootCauseAssertion,
  'causing-change': causingChangeAssertion,
  confidence: confidenceAssertion,
  'evidence-cited': evidenceCitedAssertion,
  'actions-safe': actionsSafeAssertion,
  'no-secrets': noSecretsAssertion,
  'llm-rubric': llmRubricAssertion,
} satisfies Record<string, Assertion>;

export type AssertionName = keyof typeof assertions;
export const ASSERTION_NAMES = Object.keys(assertions) as AssertionName[];

export function isAssertionName(name: string): name is AssertionName {
  return Object.hasOwn(assertions, name);
}
