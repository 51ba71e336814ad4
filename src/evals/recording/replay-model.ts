/**
 * A language model that answers from recorded responses: each `doGenerate`/`doStream` looks up the
 * request's key (see request-key.ts) among a recording's model calls and returns what the recorded
 * model said. It is how an LLM investigation or a prompt case runs offline in CI with no provider.
 *
 * A request that was never recorded is an error, never a guess: the prompt or the tool results
 * changed since the recording was made, and the case must be re-recorded (or run live).
 */
import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3FinishReason,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamPart,
  LanguageModelV3Usage,
} from '@ai-sdk/provider';
import { NightshiftError } from '../../core/index.js';
import { describeRequest, requestKey } from './request-key.js';
import type { RecordedModelCall } from './schema.js';

/** Thrown for a request with no recorded response; its message says which and what to do. */
export class ReplayMissError extends Error {
  override readonly name = 'ReplayMissError';
}

export interface ReplayModelOptions {
  /** The model id the replay reports; by default the recorded calls' model. */
  modelId?: string;
  /** Where the responses came from (a recording file), for the miss message. */
  source?: string;
}

/**
 * A LanguageModelV3 over recorded calls. The same key recorded more than once answers in recorded
 * order, and its last response answers any further identical request (a repeat of the same call).
 */
export function replayModel(
  calls: readonly RecordedModelCall[],
  options: ReplayModelOptions = {},
): LanguageModelV3 {
  const byKey = new Map<string, RecordedModelCall[]>();
  for (const call of calls) byKey.set(call.key, [...(byKey.get(call.key) ?? []), call]);
  const used = new Map<string, number>();
  let callNumber = 0;
  const modelId = options.modelId ?? calls[0]?.model ?? 'replay';

  const answer = (request: LanguageModelV3CallOptions): RecordedModelCall => {
    callNumber++;
    const key = requestKey(request);
    const recorded = byKey.get(key);
    if (recorded === undefined || recorded.length === 0) {
      throw new ReplayMissError(
        `model call ${callNumber} was not recorded${options.source ? ` in ${options.source}` : ''} (${describeRequest(request)}; key ${key.slice(0, 12)}): the prompt or the tool results changed since the recording was made. Re-record the case, or run it live with --model.`,
      );
    }
    const index = used.get(key) ?? 0;
    used.set(key, index + 1);
    return recorded[Math.min(index, recorded.length - 1)] as RecordedModelCall;
  };

  return {
    specificationVersion: 'v3',
    provider: 'replay',
    modelId,
    supportedUrls: {},
    async doGenerate(request): Promise<LanguageModelV3GenerateResult> {
      const call = answer(request);
      return {
        content: contentOf(call),
        finishReason: finishReasonOf(call),
        usage: usageOf(call),
        warnings: [],
        response: { modelId: call.model },
      };
    },
    async doStream(request) {
      const call = answer(request);
      const parts = streamPartsOf(call);
      return {
        stream: new ReadableStream<LanguageModelV3StreamPart>({
          start(controller) {
            for (const part of parts) controller.enqueue(part);
            controller.close();
          },
        }),
      };
    },
  };
}

/** The recorded content parts; the schema keeps them as plain objects, as the provider spec shaped them. */
function contentOf(call: RecordedModelCall): LanguageModelV3Content[] {
  return call.content as unknown as LanguageModelV3Content[];
}

const FINISH_REASONS = new Set(['stop', 'length', 'content-filter', 'tool-calls', 'error', 'other']);

function finishReasonOf(call: RecordedModelCall): LanguageModelV3FinishReason {
  const unified = FINISH_REASONS.has(call.finishReason)
    ? (call.finishReason as LanguageModelV3FinishReason['unified'])
    : 'other';
  return { unified, raw: call.finishReason };
}

function usageOf(call: RecordedModelCall): LanguageModelV3Usage {
  return {
    inputTokens: {
      total: call.usage.inputTokens,
      noCache: undefined,
      cacheRead: undefined,
      cacheWrite: undefined,
    },
    outputTokens: { total: call.usage.outputTokens, text: undefined, reasoning: undefined },
  };
}

/** The same response as stream parts: text as one delta per part, tool calls whole. */
function streamPartsOf(call: RecordedModelCall): LanguageModelV3StreamPart[] {
  const parts: LanguageModelV3StreamPart[] = [
    { type: 'stream-start', warnings: [] },
    { type: 'response-metadata', modelId: call.model },
  ];
  for (const [i, part] of contentOf(call).entries()) {
    if (part.type === 'text' || part.type === 'reasoning') {
      const id = `${part.type}-${i}`;
      parts.push(
        { type: `${part.type}-start`, id },
        { type: `${part.type}-delta`, id, delta: part.text },
        { type: `${part.type}-end`, id },
      );
    } else {
      parts.push(part as LanguageModelV3StreamPart);
    }
  }
  parts.push({ type: 'finish', finishReason: finishReasonOf(call), usage: usageOf(call) });
  return parts;
}

/**
 * The replay model of a recording, or a BAD_INPUT error when it holds no model responses: such a
 * recording can only run with a live model.
 */
export function replayModelOf(
  calls: readonly RecordedModelCall[],
  source: string | undefined,
): LanguageModelV3 {
  if (calls.length === 0) {
    throw new NightshiftError(
      'BAD_INPUT',
      `${source ?? 'the recording'} has no recorded model responses (modelCalls is empty), so it cannot replay offline`,
      {
        hint: 'Pass --model <provider:model> to run it live, or record the responses with a model (docs/evals.md, "Recorded interactions and the replay model").',
      },
    );
  }
  return replayModel(calls, source === undefined ? {} : { source });
}
