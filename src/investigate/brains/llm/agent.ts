/**
 * The tool-calling agent of the LLM brain (AI SDK generateText with a step limit) that checks and
 * revises the built-in draft, answering in a schema. The fast model goes first; the strong model
 * redoes the hypothesis stage when the answer is LOW or implicates more than one service. An answer
 * that breaks the schema gets one repair attempt; a provider error, a timeout or a second bad answer
 * yields the built-in answer with a note. Every model call and tool call is traced.
 */
import { generateText, type LanguageModel, NoObjectGeneratedError, Output, stepCountIs, tool } from 'ai';
import { redactString } from '../../../anonymise/index.js';
import { formatDuration, toIso } from '../../../core/index.js';
import { costUsd, type LlmConfig } from '../../../llm/index.js';
import { ATTR, OPERATION, type Tracer } from '../../../tracing/index.js';
import { type ToolName, tools } from '../../tools/index.js';
import type { BrainOutput } from '../brain.js';
import type { AgentContext } from './agent-context.js';
import { answerProblems, type LlmAnswer, llmAnswerSchema, reportFromAnswer } from './answer.js';
import { INVESTIGATOR_PROMPT, repairPrompt } from './investigator.prompt.js';
import { investigatorPrompt, type PromptText } from './prompts.js';

export interface LlmModels {
  fast: { model: LanguageModel; id: string };
  strong: { model: LanguageModel; id: string };
  provider: string;
}

export type AgentConfig = Pick<LlmConfig, 'maxSteps' | 'timeoutMs'> & {
  /** Cancels the model calls (an eval run stopped by the user), besides the per-call time limit. */
  signal?: AbortSignal;
};

/** Implicated: an alternative at least this likely makes the answer worth a second opinion. */
const IMPLICATED_SCORE = 0.5;

/** The note that says the model's answer was not used; evals look for it. */
export const FALLBACK_NOTE_START = 'the LLM brain failed';

/**
 * Runs the agent over a context and returns its report, or the baseline with a note saying why the
 * model's answer could not be used. `prompt` replaces the investigator prompt (evals of a variant).
 */
export async function investigateWithAgent(
  input: AgentContext,
  tracer: Tracer,
  config: AgentConfig,
  models: LlmModels,
  prompt: PromptText = INVESTIGATOR_PROMPT,
): Promise<BrainOutput> {
  const notes: string[] = [];
  const run = { input, tracer, config, models, prompt };
  try {
    let answer = await agent(run, 'fast', undefined);
    let rounds = 1;
    const implicated = answer.alternatives.filter((a) => a.score >= IMPLICATED_SCORE).length;
    if (answer.rootCause.confidence === 'LOW' || implicated > 0) {
      notes.push(
        `escalated to ${models.strong.id}: ${answer.rootCause.confidence === 'LOW' ? 'LOW confidence' : `${implicated + 1} services implicated`}`,
      );
      answer = await agent(run, 'strong', answer);
      rounds++;
    }
    const model = rounds > 1 ? models.strong.id : models.fast.id;
    return { report: reportFromAnswer(answer, input.baseline.report, model), rounds, notes };
  } catch (error) {
    // A provider's error can echo the API key or a base URL with its password; notes go to Slack.
    const reason = redactString(error instanceof Error ? error.message : String(error));
    return {
      ...input.baseline,
      notes: [
        ...notes,
        `${FALLBACK_NOTE_START} (${reason.split('\n')[0]}); this is the built-in brain's answer`,
      ],
    };
  }
}

interface AgentRun {
  input: AgentContext;
  tracer: Tracer;
  config: AgentConfig;
  models: LlmModels;
  prompt: PromptText;
}

async function agent(run: AgentRun, role: 'fast' | 'strong', previous: LlmAnswer | undefined) {
  const { input, tracer, models, prompt } = run;
  const { id } = models[role];
  return tracer.span(
    `investigator (${role})`,
    'agent',
    { [ATTR.agentName]: `investigator ${role}`, [ATTR.requestModel]: id },
    async () => {
      const { alert, context } = input;
      const draft = JSON.stringify(previous ?? draftOf(input.baseline.report));
      const user = investigatorPrompt(
        {
          alert: `${alert.name} on ${alert.service} at ${toIso(alert.startsAt)}`,
          window: `onset ${toIso(context.onset)} (${context.onsetFrom}); incident to ${toIso(context.incidentEnd)}`,
          services: Object.entries(context.services)
            .map(([s, deps]) => `${s} → ${deps.join(', ') || '-'}`)
            .join('; '),
          draft: previous ? `A faster model answered this; check it critically:\n${draft}` : draft,
        },
        prompt,
      );
      const system = prompt.system ?? '';
      const services = Object.keys(context.services);
      let text = '';
      try {
        const result = await call(run, role, { system, prompt: user }, aiTools(input, tracer));
        text = result.text;
        const problems = answerProblems(result.output, services, context.changeIds);
        if (problems.length === 0) return result.output;
        throw new AnswerError(problems.join('; '), text);
      } catch (error) {
        if (!(error instanceof NoObjectGeneratedError) && !(error instanceof AnswerError)) throw error;
        const reason =
          error instanceof AnswerError ? error.message : `not valid against the schema (${error.message})`;
        const repaired = await tracer.span('repair answer', 'step', {}, () =>
          call(run, role, {
            system,
            prompt: repairPrompt(reason, error instanceof NoObjectGeneratedError ? (error.text ?? '') : text),
          }),
        );
        const problems = answerProblems(repaired.output, services, context.changeIds);
        if (problems.length > 0)
          throw new Error(`answer still invalid after one repair: ${problems.join('; ')}`);
        return repaired.output;
      }
    },
  );
}

class AnswerError extends Error {
  constructor(
    message: string,
    readonly text: string,
  ) {
    super(message);
  }
}

async function call(
  run: AgentRun,
  role: 'fast' | 'strong',
  prompt: { system: string; prompt: string },
  toolSet?: ReturnType<typeof aiTools>,
) {
  const { tracer, config, models } = run;
  const { model, id: modelId } = models[role];
  let stepStarted = tracer.time();
  const result = await generateText({
    model,
    ...prompt,
    ...(toolSet ? { tools: toolSet, stopWhen: stepCountIs(config.maxSteps) } : {}),
    output: Output.object({ schema: llmAnswerSchema }),
    maxRetries: 0,
    abortSignal:
      config.signal === undefined
        ? AbortSignal.timeout(config.timeoutMs)
        : AbortSignal.any([AbortSignal.timeout(config.timeoutMs), config.signal]),
    onStepFinish: (step) => {
      const input = step.usage.inputTokens ?? 0;
      const output = step.usage.outputTokens ?? 0;
      const cost = costUsd(step.response.modelId ?? modelId, input, output);
      const now = tracer.time();
      tracer.recordSpan({
        name: `prompt ${modelId}`,
        kind: 'prompt',
        startMs: stepStarted,
        endMs: now,
        attributes: {
          [ATTR.operationName]: OPERATION.chat,
          [ATTR.providerName]: models.provider,
          [ATTR.requestModel]: modelId,
          [ATTR.responseModel]: step.response.modelId ?? modelId,
          [ATTR.inputTokens]: input,
          [ATTR.outputTokens]: output,
          [ATTR.finishReasons]: [step.finishReason],
          [ATTR.promptMessages]: JSON.stringify(step.request.body ?? prompt),
          [ATTR.promptOutput]:
            step.text || JSON.stringify(step.toolCalls.map((c) => ({ tool: c.toolName, input: c.input }))),
          ...(cost.priced ? { [ATTR.costUsd]: cost.usd } : {}),
        },
      });
      stepStarted = now;
    },
  }).catch((error: unknown) => {
    if (error instanceof Error && error.name === 'TimeoutError')
      throw new Error(`${modelId} did not answer within ${formatDuration(config.timeoutMs)}`);
    throw error;
  });
  return { output: result.output as LlmAnswer, text: result.text };
}

/** The investigation tools as AI SDK tools: same zod input and description, the context's caller. */
function aiTools(input: AgentContext, tracer: Tracer) {
  return Object.fromEntries(
    Object.values(tools).map((t) => [
      t.name,
      tool({
        description: t.description,
        inputSchema: t.input,
        execute: (args: unknown, options: { toolCallId: string }) =>
          input.callTool(t.name as ToolName, args, options.toolCallId, tracer),
      }),
    ]),
  );
}

/**
 * The built-in report in the answer's own shape, as the model's starting point. Every object is
 * built field by field so that its JSON is the same whether the report came from a live run or
 * from a recording's parsed JSON (the replay key depends on the prompt's exact text).
 */
function draftOf(report: BrainOutput['report']): LlmAnswer {
  const { rootCause } = report;
  return {
    summary: report.summary,
    rootCause: {
      service: rootCause.service,
      category: rootCause.category,
      description: rootCause.description,
      confidence: rootCause.confidence,
      confidenceReason: rootCause.confidenceReason,
      ...(rootCause.changeId ? { changeId: rootCause.changeId } : {}),
    },
    alternatives: report.alternatives.map((h) => ({
      service: h.service,
      category: h.category,
      description: h.description,
      score: Number(h.score.toFixed(2)),
    })),
    evidence: report.evidence.slice(0, 8).map((e) => ({
      summary: e.summary,
      tool: e.source.tool,
      ...(e.source.callId ? { callId: e.source.callId } : {}),
    })),
    actions: report.actions.map(({ kind, title, command, rationale }) => ({
      kind,
      title,
      rationale,
      ...(command ? { command } : {}),
    })),
  };
}
