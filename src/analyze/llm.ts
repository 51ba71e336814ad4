/**
 * The LLM path of `nightshift analyze`: the same three stages (per case, cluster, synthesise),
 * each a model call whose system prompt is the setup playbook and the stage's playbook, whose input
 * is JSON (with the built-in analyser's finding, so the model starts from the deterministic
 * reading and can correct it), and whose answer is validated with the schemas the built-in path
 * writes. An answer that names an unknown case or cohort is refused, naming what it named.
 */
import { generateText, type LanguageModel, Output } from 'ai';
import { z } from 'zod';
import type { BacktestCase } from '../backtest/index.js';
import { NightshiftError } from '../core/index.js';
import type { CaseFacts } from './facts.js';
import { type Playbooks, stagePrompt } from './playbooks.js';
import type { SynthesisItem } from './render.js';
import { type CaseAnalysis, type Cohort, cohortSchema, findingSchema } from './schema.js';
import { stages } from './stages.js';

/** A model and the id it was asked for (written into each analysis). */
export interface AnalystModel {
  id: string;
  model: LanguageModel;
}

async function ask<T>(
  analyst: AnalystModel,
  system: string,
  input: unknown,
  schema: z.ZodType<T>,
  what: string,
): Promise<T> {
  try {
    const result = await generateText({
      model: analyst.model,
      system,
      prompt: `Follow the playbook above. The input, as JSON:\n\n${JSON.stringify(input, null, 1)}\n\nAnswer with the JSON object the playbook's output section describes, and nothing else.`,
      output: Output.object({ schema }),
      maxRetries: 1,
    });
    return result.output as T;
  } catch (error) {
    if (error instanceof NightshiftError) throw error;
    throw new NightshiftError(
      'BAD_INPUT',
      `${analyst.id} did not answer ${what} as the playbook asks: ${(error as Error).message.split('\n')[0]}`,
      { hint: 'run analyze again (finished cases are kept), try a stronger --model, or use --brain builtin' },
    );
  }
}

/** What the per-case stage shows the model: the verdicts, the report, the trace's tool calls and review. */
export function caseInput(c: BacktestCase, facts: CaseFacts | undefined, builtin: CaseAnalysis) {
  return {
    case: { id: c.id, expected: c.expected, answered: c.answered, verdicts: builtin.reasons, error: c.error },
    report: facts && {
      rootCause: facts.report.rootCause,
      alternatives: facts.report.alternatives.map(({ id, service, category, score, weaknesses }) => ({
        id,
        service,
        category,
        score,
        weaknesses,
      })),
      evidence: facts.report.evidence.map(({ service, kind, strength, summary }) => ({
        service,
        kind,
        strength,
        summary,
      })),
      missingSources: facts.report.missingSources,
    },
    serviceGraph: facts?.dependsOn && Object.fromEntries(facts.dependsOn),
    changesRead: facts?.changes,
    toolsThatNamedEachService: facts && Object.fromEntries(facts.seenBy),
    builtinFindings: builtin.findings,
    stages,
  };
}

const caseAnswerSchema = z.object({ findings: z.array(findingSchema).min(1) });

export async function analyseCaseWithModel(
  analyst: AnalystModel,
  playbooks: Playbooks,
  input: ReturnType<typeof caseInput>,
  builtin: CaseAnalysis,
): Promise<CaseAnalysis> {
  const answer = await ask(
    analyst,
    stagePrompt(playbooks, 'per-case'),
    input,
    caseAnswerSchema,
    `case ${builtin.caseId}`,
  );
  return { ...builtin, analyser: `llm:${analyst.id}`, findings: answer.findings };
}

const clusterAnswerSchema = z.object({ cohorts: z.array(cohortSchema) });

export async function clusterWithModel(
  analyst: AnalystModel,
  playbooks: Playbooks,
  analyses: readonly CaseAnalysis[],
  builtinCohorts: readonly Cohort[],
): Promise<Cohort[]> {
  const input = {
    analyses: analyses.map((a) => ({
      caseId: a.caseId,
      reasons: a.reasons,
      findings: a.findings.map(({ kind, subKey, summary, code }) => ({ kind, subKey, summary, code })),
    })),
    builtinCohorts,
  };
  const { cohorts } = await ask(
    analyst,
    stagePrompt(playbooks, 'cluster'),
    input,
    clusterAnswerSchema,
    'the clustering',
  );
  const known = new Set(analyses.map((a) => a.caseId));
  const unknown = cohorts.flatMap((c) => c.cases.filter((id) => !known.has(id)));
  const left = [...known].filter((id) => !cohorts.some((c) => c.cases.includes(id)));
  if (unknown.length > 0 || left.length > 0)
    throw new NightshiftError(
      'BAD_INPUT',
      `${analyst.id}'s cohorts ${unknown.length > 0 ? `name cases that were not analysed (${unknown.join(', ')})` : `leave out analysed cases (${left.join(', ')})`}`,
      { hint: 'run analyze again (the case analyses are kept), or use --brain builtin for the cohorts' },
    );
  return [...cohorts].sort((a, b) => b.cases.length - a.cases.length || a.id.localeCompare(b.id));
}

const synthesisAnswerSchema = z.object({
  items: z.array(
    z.object({
      cohort: z.string(),
      title: z.string().min(1),
      whatGoesWrong: z.string().min(1),
      proposal: z.string().min(1),
      file: z.string().min(1),
      function: z.string().min(1),
    }),
  ),
});

export async function synthesiseWithModel(
  analyst: AnalystModel,
  playbooks: Playbooks,
  cohorts: readonly Cohort[],
): Promise<SynthesisItem[]> {
  const { items } = await ask(
    analyst,
    stagePrompt(playbooks, 'synthesise'),
    { cohorts },
    synthesisAnswerSchema,
    'the synthesis',
  );
  const sizes = new Map(cohorts.map((c) => [c.id, c.cases.length]));
  const unknown = items.filter((i) => !sizes.has(i.cohort)).map((i) => i.cohort);
  if (unknown.length > 0)
    throw new NightshiftError(
      'BAD_INPUT',
      `${analyst.id}'s synthesis names unknown cohorts: ${unknown.join(', ')}`,
      {
        hint: 'run analyze again, or use --brain builtin',
      },
    );
  return items
    .map((i) => ({ ...i, cases: sizes.get(i.cohort) as number }))
    .sort((a, b) => b.cases - a.cases || a.cohort.localeCompare(b.cohort));
}
