/**
 * An LLM investigation replayed from a recorded interaction: the alert, the context and the built-in
 * report the prompt is built from, tools that answer from the recorded results, and (unless a live
 * model is given) the replay model answering from the recorded responses. No telemetry, no provider:
 * this is how the investigator suite runs offline in CI, and how a saved production case re-runs.
 *
 * A changed prompt or tool result misses the replay; the brain then falls back to the built-in
 * answer with a note (`the LLM brain failed (… was not recorded …)`), which the suite's cases see.
 */
import { NightshiftError } from '../../core/index.js';
import type { BrainOutput } from '../../investigate/brains/brain.js';
import {
  type AgentContext,
  investigateWithAgent,
  type PromptText,
} from '../../investigate/brains/llm/index.js';
import { DEFAULT_MAX_STEPS, DEFAULT_TIMEOUT_MS } from '../../llm/index.js';
import { Tracer, traceTotals } from '../../tracing/index.js';
import type { EvalInvestigation, EvalOutput } from '../output.js';
import { replayModelOf } from '../recording/replay-model.js';
import { replayToolCaller } from '../recording/replay-tools.js';
import type { Recording } from '../recording/schema.js';
import type { EvalModel } from './target.js';

export interface RecordedInvestigationOptions {
  /** A live model; without one, the replay model of the recording's responses. */
  model?: EvalModel;
  signal: AbortSignal;
  maxSteps?: number;
  /** Replaces the investigator prompt (to evaluate a variant). */
  prompt?: PromptText;
  /** The recording's file, for messages. */
  file?: string;
}

/** The model a recording runs with when no live one is given: its recorded responses. */
export function replayEvalModel(recording: Recording, file?: string): EvalModel {
  const model = replayModelOf(recording.modelCalls, file ?? recording.source);
  return { id: model.modelId, model, provider: 'replay' };
}

export async function runRecordedInvestigation(
  recording: Recording,
  options: RecordedInvestigationOptions,
): Promise<EvalOutput> {
  options.signal.throwIfAborted();
  const model = options.model ?? replayEvalModelOrExplain(recording, options.file);
  const baseline: BrainOutput = { report: recording.baseline, rounds: 1, notes: [] };
  const context: AgentContext = {
    alert: recording.alert,
    context: recording.context,
    baseline,
    callTool: replayToolCaller(recording.toolCalls),
  };
  const name = recording.source ?? `${recording.alert.name} on ${recording.alert.service}`;
  const tracer = new Tracer({
    traceId: `replay-${recording.alert.service}-${recording.alert.startsAt}`,
    name: `replay ${name}`,
  });
  const started = performance.now();
  const role = { model: model.model, id: model.id };
  const result = await tracer.span(
    `investigate ${name}`,
    'investigation',
    { 'gen_ai.agent.name': 'coordinator', 'nightshift.brain': 'llm' },
    () =>
      investigateWithAgent(
        context,
        tracer,
        {
          maxSteps: options.maxSteps ?? DEFAULT_MAX_STEPS,
          timeoutMs: DEFAULT_TIMEOUT_MS,
          signal: options.signal,
        },
        { fast: role, strong: role, provider: model.provider },
        options.prompt,
      ),
  );
  const investigation: EvalInvestigation = {
    report: result.report,
    trace: tracer.toRecord(),
    notes: result.notes,
  };
  return {
    investigation,
    text: investigationText(investigation),
    json: result.report,
    latencyMs: performance.now() - started,
    costUsd: traceTotals(investigation.trace).costUsd,
  };
}

function replayEvalModelOrExplain(recording: Recording, file: string | undefined): EvalModel {
  if (recording.modelCalls.length === 0) {
    throw new NightshiftError(
      'BAD_INPUT',
      `${file ?? recording.source ?? 'the recording'} has no recorded model responses, and this run has no model`,
      {
        hint: 'Pass --model <provider:model> to run it live, or record the responses with a model (docs/evals.md, "Recorded interactions and the replay model").',
      },
    );
  }
  return replayEvalModel(recording, file);
}

/** The summary, the root-cause line, then the notes, one a line: what text assertions read. */
export function investigationText(investigation: Pick<EvalInvestigation, 'report' | 'notes'>): string {
  const { report, notes } = investigation;
  const cause = report.rootCause;
  const change = cause.changeId === undefined ? '' : `, change ${cause.changeId}`;
  return [
    report.summary,
    `Root cause: ${cause.service} (${cause.category}${change}), confidence ${cause.confidence}: ${cause.description}`,
    ...notes.map((note) => `Note: ${note}`),
  ].join('\n');
}
