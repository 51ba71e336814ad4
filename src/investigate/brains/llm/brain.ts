/**
 * The LLM brain: the built-in brain's answer first (the baseline it must beat, and the fallback),
 * then a tool-calling agent (AI SDK generateText with a step limit) that checks and revises it,
 * answering in a schema. The fast model goes first; the strong model redoes the hypothesis stage
 * when the answer is LOW or implicates more than one service. An answer that breaks the schema gets
 * one repair attempt; a provider error, a timeout or a second bad answer yields the built-in
 * answer with a note. Every model call and tool call is traced.
 */
import { generateText, type LanguageModel, NoObjectGeneratedError, Output, stepCountIs, tool } from 'ai';
import { redactString } from '../../../anonymise/index.js';
import { formatDuration, toIso } from '../../../core/index.js';
import { costUsd, type LlmConfig } from '../../../llm/index.js';
import { ATTR, OPERATION, type Tracer } from '../../../tracing/index.js';
import { callTool, type ToolContext, tools } from '../../tools/index.js';
import type { Brain, BrainInput, BrainOutput } from '../brain.js';
import { builtinBrain } from '../builtin/brain.js';
import { answerProblems, type LlmAnswer, llmAnswerSchema, reportFromAnswer } from './answer.js';
import { INVESTIGATOR_SYSTEM, investigatorPrompt, repairPrompt } from './investigator.prompt.js';

export interface LlmModels {
  fast: { model: LanguageModel; id: string };
  strong: { model: LanguageModel; id: string };
  provider: string;
}

/** Implicated: an alternative at least this likely makes the answer worth a second opinion. */
const IMPLICATED_SCORE = 0.5;

export function createLlmBrain(config: Pick<LlmConfig, 'maxSteps' | 'timeoutMs'>, models: LlmModels): Brain {
  return {
    name: 'llm',
    investigate: (input) => investigateWithLlm(input, config, models),
  };
}

async function investigateWithLlm(
  input: BrainInput,
  config: Pick<LlmConfig, 'maxSteps' | 'timeoutMs'>,
  models: LlmModels,
): Promise<BrainOutput> {
  const { tracer, ctx } = input;
  const baseline = await tracer.span(
    'baseline: built-in brain',
    'agent',
    { [ATTR.agentName]: 'builtin' },
    () => builtinBrain.investigate(input),
  );
  const notes: string[] = [];
  try {
    let answer = await agent(ctx, tracer, models, 'fast', config, baseline.report, undefined);
    let rounds = 1;
    const implicated = answer.alternatives.filter((a) => a.score >= IMPLICATED_SCORE).length;
    if (answer.rootCause.confidence === 'LOW' || implicated > 0) {
      notes.push(
        `escalated to ${models.strong.id}: ${answer.rootCause.confidence === 'LOW' ? 'LOW confidence' : `${implicated + 1} services implicated`}`,
      );
      answer = await agent(ctx, tracer, models, 'strong', config, baseline.report, answer);
      rounds++;
    }
    const model = rounds > 1 ? models.strong.id : models.fast.id;
    return { report: reportFromAnswer(answer, baseline.report, model), rounds, notes };
  } catch (error) {
    // A provider's error can echo the API key or a base URL with its password; notes go to Slack.
    const reason = redactString(error instanceof Error ? error.message : String(error));
    return {
      ...baseline,
      notes: [
        ...notes,
        `the LLM brain failed (${reason.split('\n')[0]}); this is the built-in brain's answer`,
      ],
    };
  }
}

async function agent(
  ctx: ToolContext,
  tracer: Tracer,
  models: LlmModels,
  role: 'fast' | 'strong',
  config: Pick<LlmConfig, 'maxSteps' | 'timeoutMs'>,
  baseline: BrainOutput['report'],
  previous: LlmAnswer | undefined,
): Promise<LlmAnswer> {
  const { model, id } = models[role];
  return tracer.span(
    `investigator (${role})`,
    'agent',
    { [ATTR.agentName]: `investigator ${role}`, [ATTR.requestModel]: id },
    async () => {
      const draft = JSON.stringify(previous ?? draftOf(baseline));
      const prompt = investigatorPrompt({
        alert: `${ctx.alert.name} on ${ctx.alert.service} at ${toIso(ctx.alert.startsAt)}`,
        window: `onset ${toIso(ctx.windows.onset)} (${ctx.windows.onsetFrom}); incident to ${toIso(ctx.windows.incident.end)}`,
        services: [...ctx.graph.dependsOn].map(([s, deps]) => `${s} → ${deps.join(', ') || '-'}`).join('; '),
        draft: previous ? `A faster model answered this; check it critically:\n${draft}` : draft,
      });
      const changeIds = ctx.data.changes.map((c) => c.id);
      let text = '';
      try {
        const result = await call(
          model,
          id,
          models.provider,
          tracer,
          config,
          { system: INVESTIGATOR_SYSTEM, prompt },
          aiTools(ctx, tracer),
        );
        text = result.text;
        const problems = answerProblems(result.output, ctx.graph.services, changeIds);
        if (problems.length === 0) return result.output;
        throw new AnswerError(problems.join('; '), text);
      } catch (error) {
        if (!(error instanceof NoObjectGeneratedError) && !(error instanceof AnswerError)) throw error;
        const reason =
          error instanceof AnswerError ? error.message : `not valid against the schema (${error.message})`;
        const repaired = await tracer.span('repair answer', 'step', {}, () =>
          call(model, id, models.provider, tracer, config, {
            system: INVESTIGATOR_SYSTEM,
            prompt: repairPrompt(reason, error instanceof NoObjectGeneratedError ? (error.text ?? '') : text),
          }),
        );
        const problems = answerProblems(repaired.output, ctx.graph.services, changeIds);
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
  model: LanguageModel,
  modelId: string,
  provider: string,
  tracer: Tracer,
  config: Pick<LlmConfig, 'maxSteps' | 'timeoutMs'>,
  prompt: { system: string; prompt: string },
  toolSet?: ReturnType<typeof aiTools>,
) {
  let stepStarted = tracer.time();
  const result = await generateText({
    model,
    ...prompt,
    ...(toolSet ? { tools: toolSet, stopWhen: stepCountIs(config.maxSteps) } : {}),
    output: Output.object({ schema: llmAnswerSchema }),
    maxRetries: 0,
    abortSignal: AbortSignal.timeout(config.timeoutMs),
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
          [ATTR.providerName]: provider,
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

/** The investigation tools as AI SDK tools: same zod input, same tracing, the capped JSON as result. */
function aiTools(ctx: ToolContext, tracer: Tracer) {
  return Object.fromEntries(
    Object.values(tools).map((t) => [
      t.name,
      tool({
        description: t.description,
        inputSchema: t.input,
        execute: async (input: unknown, options: { toolCallId: string }) => {
          const result = await callTool(t as never, input, ctx, tracer, options.toolCallId);
          return JSON.parse(result.json) as unknown;
        },
      }),
    ]),
  );
}

/** The built-in report in the answer's own shape, as the model's starting point. */
function draftOf(report: BrainOutput['report']): LlmAnswer {
  return {
    summary: report.summary,
    rootCause: report.rootCause,
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
