/**
 * The result of `nightshift eval run`, as stored with the run and printed by `--json`. A zod schema
 * so that a stored run parses back (the web workbench, `eval compare`, `--filter-failing` read it);
 * add fields as optional, never change one, and bump `version` when a reader would misread.
 */
import { z } from 'zod';

export const EVAL_RESULT_VERSION = 1;

/** One assertion of one repeat. */
export const assertionResultSchema = z.object({
  type: z.string(),
  pass: z.boolean(),
  score: z.number(),
  weight: z.number(),
  reason: z.string(),
});
export type AssertionResultRecord = z.infer<typeof assertionResultSchema>;

/** One repeat of a case: judged (pass, score, assertions) or an error (the target threw). */
export const repeatResultSchema = z.object({
  index: z.number().int().nonnegative(),
  pass: z.boolean(),
  score: z.number(),
  /** The output came from the on-disk cache; the assertions ran again. */
  cached: z.boolean(),
  latencyMs: z.number().optional(),
  costUsd: z.number().optional(),
  /** The target (or the case's source, e.g. a lab bundle) failed: nothing was judged. */
  error: z.string().optional(),
  assertions: z.array(assertionResultSchema),
});
export type RepeatResult = z.infer<typeof repeatResultSchema>;

/**
 * - `pass`: the gate passed; `fail`: it did not;
 * - `xfail`: a known failure (the case's `xfail:`) that failed as expected;
 * - `xpass`: a known failure that passed: reported "unexpectedly passed", the xfail can go;
 * - `error`: every repeat errored, so nothing could be judged.
 */
export const CASE_STATUSES = ['pass', 'fail', 'xfail', 'xpass', 'error'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const caseResultSchema = z.object({
  /** The suite file, relative to the working directory of the run. */
  suite: z.string(),
  target: z.string(),
  name: z.string(),
  description: z.string().optional(),
  tags: z.array(z.string()),
  /** The gate applied (already scaled by `--repeat`). */
  gate: z.object({ k: z.number().int(), n: z.number().int() }),
  xfail: z.string().optional(),
  status: z.enum(CASE_STATUSES),
  passes: z.number().int().nonnegative(),
  /** passes / repeats; an errored repeat counts as not passed. */
  passRate: z.number(),
  /** 95% Wilson interval of the pass rate. */
  interval: z.object({ low: z.number(), high: z.number() }),
  /** pass^k with k the gate's k (τ-bench's estimator). */
  passHatK: z.number(),
  repeats: z.array(repeatResultSchema),
  durationMs: z.number(),
});
export type CaseResult = z.infer<typeof caseResultSchema>;

export const runSummarySchema = z.object({
  suites: z.number().int(),
  cases: z.number().int(),
  passed: z.number().int(),
  failed: z.number().int(),
  errored: z.number().int(),
  xfailed: z.number().int(),
  xpassed: z.number().int(),
  repeats: z.number().int(),
  cachedRepeats: z.number().int(),
  /** Passed cases over the cases that count (xfail and xpass left out); 1 when none count. */
  passRate: z.number(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

export const evalRunResultSchema = z.object({
  version: z.literal(EVAL_RESULT_VERSION),
  id: z.string(),
  /** Epoch ms. */
  startedAt: z.number(),
  finishedAt: z.number(),
  codeVersion: z.string(),
  /** The `--model` id, when one was given. */
  model: z.string().optional(),
  options: z.object({
    files: z.array(z.string()),
    cases: z.array(z.string()).optional(),
    repeat: z.number().int().optional(),
    concurrency: z.number().int(),
    cache: z.boolean(),
  }),
  suites: z.array(
    z.object({ file: z.string(), target: z.string(), description: z.string().optional(), cases: z.number() }),
  ),
  cases: z.array(caseResultSchema),
  summary: runSummarySchema,
});
export type EvalRunResult = z.infer<typeof evalRunResultSchema>;
