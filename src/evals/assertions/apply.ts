/**
 * Applying the assertions of one eval case: parsing each `assert:` entry of a suite file, running
 * it, and combining the results into the case's verdict.
 */
import { z } from 'zod';
import { formatProblem, NightshiftError } from '../../core/index.js';
import type { EvalOutput } from '../output.js';
import type { Assertion, AssertionContext, AssertionResult } from './assertion.js';
import { closestName } from './closest-name.js';
import { ASSERTION_NAMES, type AssertionName, assertions } from './registry.js';

const NOT_PREFIX = 'not-';

/** One entry of a case's `assert:` list, as written in a suite file. */
export const assertionEntrySchema = z
  .object({
    /** An assertion name, optionally prefixed `not-` to invert it. */
    type: z.string().min(1),
    value: z.unknown().optional(),
    /** This entry's share of the case's weighted score; 0 makes it count for pass/fail only. */
    weight: z.number().nonnegative().default(1),
    /** When given, the entry passes when its score reaches this, instead of by its own verdict. */
    threshold: z.number().min(0).max(1).optional(),
  })
  .strict();

/** An entry parsed and resolved against the registry, its value already parsed by the assertion's schema. */
export interface ParsedAssertion {
  /** As written, with any `not-` prefix. */
  type: string;
  name: AssertionName;
  inverted: boolean;
  value: unknown;
  weight: number;
  threshold?: number;
}

/** Where an entry sits, for error messages: the suite file and the entry's field path. */
export interface EntryLocation {
  file: string;
  /** As `tests.2.assert.0`. */
  field: string;
}

function badEntry(where: EntryLocation, field: string, message: string): NightshiftError {
  return new NightshiftError(
    'BAD_INPUT',
    formatProblem({ file: where.file, field: `${where.field}${field}`, message }),
    {
      hint: `Known assertions: ${ASSERTION_NAMES.join(', ')} (each may be prefixed "not-").`,
    },
  );
}

function issuesText(error: z.ZodError): string {
  return error.issues
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/**
 * Parses one `assert:` entry. Throws a `BAD_INPUT` error naming the file and field for an entry of
 * the wrong shape, an unknown type (with the closest known name), or a value the assertion refuses.
 */
export function parseAssertionEntry(raw: unknown, where: EntryLocation): ParsedAssertion {
  const entry = assertionEntrySchema.safeParse(raw);
  if (!entry.success) throw badEntry(where, '', issuesText(entry.error));
  const { type, value, weight, threshold } = entry.data;
  const inverted = type.startsWith(NOT_PREFIX);
  const name = inverted ? type.slice(NOT_PREFIX.length) : type;
  if (!Object.hasOwn(assertions, name)) {
    const guess = closestName(name, ASSERTION_NAMES);
    const hint = guess === undefined ? '' : `; did you mean "${inverted ? NOT_PREFIX : ''}${guess}"?`;
    throw badEntry(where, '.type', `unknown assertion "${type}"${hint}`);
  }
  const known = name as AssertionName;
  const assertion: Assertion = assertions[known];
  const parsed = assertion.value.safeParse(value);
  if (!parsed.success)
    throw badEntry(
      where,
      '.value',
      `${known} expects ${assertion.description} Found: ${issuesText(parsed.error)}`,
    );
  return {
    type,
    name: known,
    inverted,
    value: parsed.data,
    weight,
    ...(threshold === undefined ? {} : { threshold }),
  };
}

/** One entry's verdict, with what the case needs to weigh it. */
export interface AssertionOutcome extends AssertionResult {
  type: string;
  weight: number;
}

/**
 * Runs one parsed entry. `not-` inverts both the verdict and the score (score becomes 1 − score);
 * an entry `threshold` then replaces the verdict with `score >= threshold`. An assertion that could
 * not judge (it reports `error`, or throws) fails, inverted or not: "the grader was unreachable" is
 * never a pass of `not-llm-rubric`.
 */
export async function applyAssertion(
  entry: ParsedAssertion,
  output: EvalOutput,
  context: AssertionContext,
): Promise<AssertionOutcome> {
  const assertion: Assertion = assertions[entry.name];
  const result = await runCheck(assertion, entry, output, context);
  if (result.error !== undefined)
    return {
      type: entry.type,
      weight: entry.weight,
      pass: false,
      score: 0,
      reason: result.reason,
      error: result.error,
    };
  const score = entry.inverted ? 1 - result.score : result.score;
  const verdict = entry.inverted ? !result.pass : result.pass;
  const pass = entry.threshold === undefined ? verdict : score >= entry.threshold;
  // The handler's reason states its own expectation; under not- that expectation is the one to avoid.
  const reason = entry.inverted ? `expected this not to hold: ${result.reason}` : result.reason;
  return { type: entry.type, weight: entry.weight, pass, score, reason };
}

async function runCheck(
  assertion: Assertion,
  entry: ParsedAssertion,
  output: EvalOutput,
  context: AssertionContext,
): Promise<AssertionResult> {
  try {
    return await assertion.check(output, entry.value, context);
  } catch (thrown) {
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    return { pass: false, score: 0, reason: `${entry.name} could not run: ${message}`, error: message };
  }
}

/** A case's verdict over its entries. */
export interface CaseVerdict {
  pass: boolean;
  /** The weighted mean of the entries' scores, 0..1. */
  score: number;
  /** The failed entries' reasons, one a line; empty when all passed. */
  failures: string[];
}

/**
 * Combines a case's outcomes. The score is the weighted mean of the entries' scores (1 for a case
 * with no weight at all, when nothing failed, else 0). The case passes when every entry passes;
 * when the case gives a `threshold`, it also passes when the weighted score reaches it, so a case
 * can accept a partial answer that earns enough.
 */
export function scoreCase(outcomes: readonly AssertionOutcome[], threshold?: number): CaseVerdict {
  const failures = outcomes.filter((o) => !o.pass).map((o) => `${o.type}: ${o.reason}`);
  const totalWeight = outcomes.reduce((sum, o) => sum + o.weight, 0);
  const score =
    totalWeight === 0
      ? failures.length === 0
        ? 1
        : 0
      : outcomes.reduce((sum, o) => sum + o.weight * o.score, 0) / totalWeight;
  const pass = failures.length === 0 || (threshold !== undefined && score >= threshold);
  return { pass, score, failures };
}
