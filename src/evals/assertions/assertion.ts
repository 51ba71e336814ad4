/**
 * The eval assertion extension point: a small pure handler that checks one target output against
 * one expectation from a suite file. The suite's `value:` for an assertion is parsed with that
 * assertion's own zod schema before `check` sees it, so handlers never re-validate their input.
 */
import type { z } from 'zod';
import type { EvalOutput } from '../output.js';
import type { EvalModel } from '../targets/target.js';

/** The verdict of one assertion. */
export interface AssertionResult {
  pass: boolean;
  /** 0..1; binary assertions give 0 or 1, graded ones (e.g. `evidence-cited`) the fraction met. */
  score: number;
  /** What was expected and what was found, in a line a person or coding agent can act on. */
  reason: string;
  /**
   * Set when the assertion could not judge at all (no grader model, the grader failed): the entry
   * then fails whatever its `not-` prefix or threshold says, and the reason says what to do.
   */
  error?: string;
}

/** What a case carries besides the output: its variables (the inputs the target was given). */
export interface AssertionContext {
  vars: Readonly<Record<string, unknown>>;
  /** The model that grades free text (`llm-rubric`); undefined when the run configured none. */
  grader?: EvalModel;
  /** Cancels a grader call when the run is stopped. */
  signal?: AbortSignal;
}

/**
 * One assertion. `check` is declared as a method so that an entry whose `value` schema is narrower
 * than `z.ZodType` still fits `Assertion` in the registry's `satisfies` check.
 */
export interface Assertion<V extends z.ZodType = z.ZodType> {
  /** One line: what the assertion checks and what its `value` means. */
  description: string;
  /** The schema of the assertion's `value` in a suite file. */
  value: V;
  /** Most assertions are pure and synchronous; a graded one (llm-rubric) calls a model. */
  check(
    output: EvalOutput,
    value: z.output<V>,
    context: AssertionContext,
  ): AssertionResult | Promise<AssertionResult>;
}

/** Builds an entry with its `value` type inferred from the schema. */
export function defineAssertion<V extends z.ZodType>(assertion: Assertion<V>): Assertion<V> {
  return assertion;
}

/** A binary verdict: score 1 when it passes, 0 when it fails. */
export function verdict(pass: boolean, reason: string): AssertionResult {
  return { pass, score: pass ? 1 : 0, reason };
}

/** Quotes a value for a reason, cut so that a long output does not swamp the line. */
export function quote(value: unknown, maxChars = 80): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text;
}
