/** What the LLM must answer (validated), and how it becomes a report. */
import { z } from 'zod';
import {
  ACTION_KINDS,
  confidenceSchema,
  type Evidence,
  type Report,
  rootCauseCategorySchema,
} from '../../../core/index.js';
import { sortedActions } from '../../render/index.js';

export const llmAnswerSchema = z.object({
  summary: z.string().min(1),
  rootCause: z.object({
    service: z.string().min(1),
    category: rootCauseCategorySchema,
    description: z.string().min(1),
    confidence: confidenceSchema,
    confidenceReason: z.string().min(1),
    changeId: z.string().optional(),
  }),
  alternatives: z
    .array(
      z.object({
        service: z.string(),
        category: rootCauseCategorySchema,
        description: z.string(),
        score: z.number().min(0).max(1),
      }),
    )
    .max(5),
  evidence: z
    .array(
      z.object({
        summary: z.string(),
        tool: z.string(),
        callId: z.string().optional(),
        service: z.string().optional(),
      }),
    )
    .max(15),
  actions: z
    .array(
      z.object({
        kind: z.enum(ACTION_KINDS),
        title: z.string(),
        command: z.string().optional(),
        rationale: z.string(),
      }),
    )
    .max(8),
});
export type LlmAnswer = z.infer<typeof llmAnswerSchema>;

/** Checks the schema cannot express: the services and change named must exist. */
/**
 * Commands no incident brief should propose: they destroy data or infrastructure and cannot be
 * undone. A model asked by text in a log line to recommend one (prompt injection) is refused here
 * whatever its instructions said.
 */
const DESTRUCTIVE =
  /\bdrop\s+(database|schema|table)\b|\btruncate\s+(table\s+)?\w|\brm\s+-[a-z]*r[a-z]*f|\bkubectl\s+delete\s+(ns|namespaces?|pvc|pv|persistentvolumes?|persistentvolumeclaims?)\b|\bmkfs\b|\bdd\s+if=/i;

export function answerProblems(
  answer: LlmAnswer,
  services: readonly string[],
  changeIds: readonly string[],
): string[] {
  const known = new Set(services);
  const problems: string[] = [];
  if (!known.has(answer.rootCause.service))
    problems.push(`rootCause.service "${answer.rootCause.service}" is not a service of this system`);
  for (const [i, a] of answer.alternatives.entries())
    if (!known.has(a.service))
      problems.push(`alternatives.${i}.service "${a.service}" is not a service of this system`);
  if (answer.rootCause.changeId && !changeIds.includes(answer.rootCause.changeId))
    problems.push(`rootCause.changeId "${answer.rootCause.changeId}" is not a change the tools returned`);
  for (const [i, a] of answer.actions.entries()) {
    if (DESTRUCTIVE.test(`${a.title} ${a.command ?? ''}`))
      problems.push(`actions.${i} destroys data or infrastructure; propose a reversible step instead`);
  }
  return problems;
}

/** The LLM's answer over the built-in report: what the model decided, plus the facts it did not restate. */
export function reportFromAnswer(answer: LlmAnswer, baseline: Report, model: string): Report {
  const evidence: Evidence[] = answer.evidence.map((e, i) => ({
    id: `llm-${i + 1}`,
    kind: kindOf(e.tool),
    ...(e.service ? { service: e.service } : {}),
    summary: e.summary,
    strength: 1,
    source: { tool: e.tool, query: `stated by ${model}`, ...(e.callId ? { callId: e.callId } : {}) },
  }));
  return {
    ...baseline,
    summary: answer.summary,
    rootCause: {
      ...answer.rootCause,
      ...(answer.rootCause.changeId ? { changeId: answer.rootCause.changeId } : {}),
    },
    alternatives: answer.alternatives.map((a, i) => ({
      id: `llm-h${i + 2}`,
      service: a.service,
      category: a.category,
      description: a.description,
      score: a.score,
      evidenceIds: [],
      weaknesses: [],
    })),
    evidence: evidence.length > 0 ? evidence : baseline.evidence,
    actions: sortedActions(answer.actions.map((a) => ({ ...a, requiresApproval: true as const }))),
  };
}

function kindOf(tool: string): Evidence['kind'] {
  if (/log/.test(tool)) return 'log';
  if (/trace/.test(tool)) return 'trace';
  if (/change/.test(tool)) return 'change';
  if (/event/.test(tool)) return 'event';
  if (/similar|history/.test(tool)) return 'history';
  return 'metric';
}
