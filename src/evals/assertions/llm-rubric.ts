/**
 * `llm-rubric`: a grader model scores the output 1–4 against a rubric (promptfoo's name; the
 * four-point scale has no middle, so the grader must decide). It passes at 3 or more, its score is
 * (s − 1) / 3, and the grader's reason is kept in the result. The grader prompt is a file beside this
 * one (llm-rubric.prompt.md, with its own eval suite), read at run time.
 *
 * No grader configured, or a grader that fails, is an `error` result for this entry: the case fails
 * and says what to do; the run goes on.
 */
import { readFile } from 'node:fs/promises';
import { generateText, Output } from 'ai';
import { z } from 'zod';
import { NightshiftError } from '../../core/index.js';
import { type PromptDef, type PromptText, renderTemplate } from '../../investigate/brains/llm/index.js';
import type { EvalOutput } from '../output.js';
import type { EvalModel } from '../targets/target.js';
import { type AssertionResult, defineAssertion } from './assertion.js';

/** The grader's answer. `reason` first, so a model reasons before it commits to a number. */
export const rubricVerdictSchema = z.object({
  reason: z.string().min(1),
  score: z.number().int().min(1).max(4),
});
export type RubricVerdict = z.output<typeof rubricVerdictSchema>;

const PROMPT_FILE = new URL('./llm-rubric.prompt.md', import.meta.url);

/**
 * Reads the grader prompt: the text under `## system` and under `## user` (anything before is for
 * people). A file without both sections is a BAD_INPUT error naming it.
 */
export async function loadRubricPrompt(file: URL = PROMPT_FILE): Promise<PromptText> {
  const text = await readFile(file, 'utf8');
  const system = /^## system\s*$([\s\S]*?)^## user\s*$/m.exec(text)?.[1];
  const user = /^## user\s*$([\s\S]*)/m.exec(text)?.[1];
  if (system === undefined || user === undefined) {
    throw new NightshiftError(
      'BAD_INPUT',
      `${file.pathname}: the grader prompt needs a "## system" and a "## user" section`,
    );
  }
  return { system: system.trim(), template: user.trim() };
}

/** The grader prompt as a registry entry (for the `prompt` target and its suite). */
export const rubricPrompt: PromptDef = {
  description: 'The llm-rubric grader: scores an output 1–4 against a rubric, with a reason.',
  load: () => loadRubricPrompt(),
  schema: rubricVerdictSchema,
};

/** Grades `output` with `grader`; throws when the grader fails or answers outside the schema. */
export async function gradeWithRubric(
  grader: EvalModel,
  request: { rubric: string; output: string; input: unknown },
  signal?: AbortSignal,
): Promise<RubricVerdict> {
  const prompt = await loadRubricPrompt();
  const result = await generateText({
    model: grader.model,
    ...(prompt.system === undefined ? {} : { system: prompt.system }),
    prompt: renderTemplate(
      prompt.template,
      { rubric: request.rubric, output: request.output, input: JSON.stringify(request.input) },
      'the grader prompt',
    ),
    output: Output.object({ schema: rubricVerdictSchema }),
    maxRetries: 0,
    ...(signal === undefined ? {} : { abortSignal: signal }),
  });
  return result.output;
}

/** What the grader reads: the target's text, else its JSON, else the investigation's report. */
function gradedText(output: EvalOutput): string | undefined {
  if (output.text !== undefined) return output.text;
  if (output.json !== undefined) return JSON.stringify(output.json);
  return output.investigation === undefined ? undefined : JSON.stringify(output.investigation.report);
}

const PASS_AT = 3;

export const llmRubricAssertion = defineAssertion({
  description:
    'A grader model scores the output 1–4 against this rubric (the text, or { rubric, passAt? }); passes at 3 (or passAt) or more.',
  value: z
    .union([
      z.string().min(1),
      z
        .object({ rubric: z.string().min(1), passAt: z.number().int().min(1).max(4).default(PASS_AT) })
        .strict(),
    ])
    .transform((v) => (typeof v === 'string' ? { rubric: v, passAt: PASS_AT } : v)),
  async check(output, { rubric, passAt }, context): Promise<AssertionResult> {
    const grader = context.grader;
    if (grader === undefined) {
      const error = 'llm-rubric needs a grader model, and this run has none';
      return {
        pass: false,
        score: 0,
        error,
        reason: `${error}: pass --grader <provider:model> (or --model) to nightshift eval run, or configure llm: in nightshift.yaml`,
      };
    }
    const text = gradedText(output);
    if (text === undefined)
      return { pass: false, score: 0, reason: 'expected an output to grade, found none' };
    try {
      const verdict = await gradeWithRubric(
        grader,
        { rubric, output: text, input: context.vars },
        context.signal,
      );
      return {
        pass: verdict.score >= passAt,
        score: (verdict.score - 1) / 3,
        reason: `${grader.id} scored ${verdict.score}/4 (pass at ${passAt}): ${verdict.reason}`,
      };
    } catch (thrown) {
      const message = thrown instanceof Error ? thrown.message.split('\n')[0] : String(thrown);
      const error = `the grader ${grader.id} failed: ${message}`;
      return {
        pass: false,
        score: 0,
        error,
        reason: `${error}; check the grader model and run the case again`,
      };
    }
  },
});
