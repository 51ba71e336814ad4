/**
 * What `nightshift analyze` writes and reads back: one analysis per case, the cohorts and the
 * synthesis. The same schemas validate what a model answers on the LLM path, so an analysis on
 * disk has one shape whoever wrote it.
 */
import { z } from 'zod';
import { backtestCaseSchema } from '../backtest/index.js';

/**
 * The fixed set of ways a run goes wrong (docs/analyze.md explains each and the code it points to).
 * A model may add `other` when none fits; the built-in analyser never does.
 */
export const FAILURE_KINDS = [
  'investigation_failed',
  'missing_source',
  'victim_blamed',
  'outranked',
  'never_examined',
  'wrong_category',
  'change_not_linked',
  'false_change',
  'overconfident',
  'underconfident',
  'other',
] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

export const codePointerSchema = z.object({
  /** Which stage of the investigation decided it (stages.ts), or a model's own word. */
  stage: z.string().min(1),
  /** A file of this repository, relative to its root. */
  file: z.string().min(1),
  function: z.string().min(1),
});

export const findingSchema = z.object({
  kind: z.enum(FAILURE_KINDS),
  /** What splits a kind into cohorts that need different changes (a source, an evidence kind). */
  subKey: z.string().min(1).optional(),
  /** One sentence: where the run went wrong. */
  summary: z.string().min(1),
  /** The facts from the trace and report behind it, one per line. */
  evidence: z.array(z.string()),
  code: codePointerSchema,
  /** What to change, one or two sentences. */
  proposal: z.string().min(1),
});
export type Finding = z.infer<typeof findingSchema>;

/** Why a case was picked: wrong on a scored verdict, or shaky in its confidence. */
export const SELECTION_REASONS = [
  'failed',
  'top1_wrong',
  'category_wrong',
  'change_missed',
  'change_falsely_named',
  'wrong_at_high',
  'right_at_low',
] as const;
export type SelectionReason = (typeof SELECTION_REASONS)[number];

export const caseAnalysisSchema = z.object({
  caseId: z.string().min(1),
  /** `builtin`, or `llm:<model id>`. */
  analyser: z.string().min(1),
  reasons: z.array(z.enum(SELECTION_REASONS)).min(1),
  /** The truth's root cause, as the backtest case holds it. */
  expected: backtestCaseSchema.shape.expected,
  answered: z
    .object({
      service: z.string(),
      category: z.string(),
      change: z.string().optional(),
      confidence: z.string().optional(),
    })
    .optional(),
  /** Most telling first; never empty. */
  findings: z.array(findingSchema).min(1),
});
export type CaseAnalysis = z.infer<typeof caseAnalysisSchema>;

export const cohortSchema = z.object({
  /** `kind` or `kind:subKey`: stable across runs, so two analyses can be compared. */
  id: z.string().min(1),
  kind: z.enum(FAILURE_KINDS),
  subKey: z.string().optional(),
  title: z.string().min(1),
  /** What goes wrong in these cases, in a sentence or two. */
  whatGoesWrong: z.string().min(1),
  proposal: z.string().min(1),
  code: codePointerSchema,
  cases: z.array(z.string()).min(1),
});
export type Cohort = z.infer<typeof cohortSchema>;

/** Written first into the output folder: a resumed run must analyse the same backtest the same way. */
export const manifestSchema = z.object({
  version: z.literal(1),
  source: z.string(),
  brain: z.enum(['builtin', 'llm']),
  model: z.string().optional(),
});
export type Manifest = z.infer<typeof manifestSchema>;
