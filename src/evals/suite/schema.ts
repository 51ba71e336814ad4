/**
 * The suite file (`*.eval.yaml`): what it tests (its target), defaults for every case, and the
 * cases. The format is normative (docs/evals.md); `load.ts` parses it with line numbers so every
 * problem names the file, the line and the field.
 *
 * Conventions taken from promptfoo where they fit: `assert:` lists with `type`/`value`/`weight`/
 * `threshold`, `not-` prefixes, suite-level defaults merged into each case. Added: a case `name`
 * (what the CLI edits by), `repeat` with a per-case gate `pass: k/N`, and `xfail` for a known
 * failure that is tracked without failing the run.
 */
import { z } from 'zod';
import { assertionEntrySchema } from '../assertions/apply.js';

/** Case names are what `nightshift eval get|replace|delete` take: one token, no spaces. */
export const caseNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'use letters, digits, ".", "_", ":" and "-" only (no spaces)');

/** `pass: 2/3`: at least k of the N repeats must pass; N must equal the case's repeat count. */
export const gateSchema = z
  .string()
  .regex(/^\d+\/\d+$/, 'write the gate as k/N, e.g. "2/3"')
  .transform((text) => {
    const [k, n] = text.split('/').map(Number) as [number, number];
    return { k, n };
  })
  .refine((g) => g.n >= 1 && g.k >= 1 && g.k <= g.n, 'k must be between 1 and N, and N at least 1');
export type Gate = z.output<typeof gateSchema>;

/** A lab bundle by recipe: generated on first use and cached under the eval cache, never committed. */
export const labRecipeSchema = z
  .object({
    fault: z.string().min(1),
    seed: z.number().int().nonnegative().default(1),
    hours: z.number().positive().max(72).default(3),
    /** Any other lab option by its `lab generate` name: topology, noise, redHerrings, gradual, drop, … */
    knobs: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();
export type LabRecipe = z.output<typeof labRecipeSchema>;

/**
 * What a case runs on. `vars` are the target's own inputs (a prompt's variables, a tool's
 * arguments, a step's recorded input); at most one of `lab`, `bundle` and `recording` says where
 * the telemetry (or its recorded stand-in) comes from. A `bundle` path, and a `recording` given as
 * a path, are relative to the suite file.
 */
export const caseInputSchema = z
  .object({
    vars: z.record(z.string(), z.unknown()).optional(),
    lab: labRecipeSchema.optional(),
    bundle: z.string().min(1).optional(),
    /** A recorded interaction inline, or the path of its JSON file (see recording/schema.ts). */
    recording: z.union([z.string().min(1), z.record(z.string(), z.unknown())]).optional(),
  })
  .strict()
  .refine(
    (i) => [i.lab, i.bundle, i.recording].filter((x) => x !== undefined).length <= 1,
    'give at most one of lab, bundle and recording',
  );
export type CaseInput = z.output<typeof caseInputSchema>;

export const caseSchema = z
  .object({
    name: caseNameSchema,
    /** One line: what the case is about (what `eval list` shows). */
    description: z.string().optional(),
    tags: z.array(z.string().min(1)).default([]),
    input: caseInputSchema.default({}),
    assert: z.array(assertionEntrySchema).default([]),
    /** How many times to run the case (cached per repeat index); default from the suite's defaults. */
    repeat: z.number().int().min(1).max(100).optional(),
    /** Pass gate over the repeats; default: every repeat must pass. */
    pass: gateSchema.optional(),
    /** The case passes on its weighted score reaching this, even with a failed entry. */
    threshold: z.number().min(0).max(1).optional(),
    /** A known failure, with why: reported, never fails the run; an unexpected pass is reported too. */
    xfail: z.string().min(1).optional(),
  })
  .strict();
export type EvalCase = z.output<typeof caseSchema>;

export const suiteSchema = z
  .object({
    description: z.string().optional(),
    /** `type` names an entry of the targets registry; the rest is that target's own config. */
    target: z.object({ type: z.string().min(1) }).passthrough(),
    defaults: z
      .object({
        repeat: z.number().int().min(1).max(100).default(1),
        /** Assertions every case also runs (before its own). */
        assert: z.array(assertionEntrySchema).default([]),
        vars: z.record(z.string(), z.unknown()).default({}),
        tags: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .default({ repeat: 1, assert: [], vars: {}, tags: [] }),
    cases: z.array(caseSchema).default([]),
  })
  .strict();
export type SuiteFile = z.output<typeof suiteSchema>;
