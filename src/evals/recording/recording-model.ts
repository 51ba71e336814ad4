/**
 * The other half of replay: a wrapper around any LanguageModelV3 that keeps each call's request key
 * and response in the recording format (`RecordedModelCall`), so a recording can be made from any
 * model: a live provider, or the scripted policy model the shipped suite was recorded with.
 */
import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3FinishReason,
  LanguageModelV3StreamPart,
  LanguageModelV3Usage,
} from '@ai-sdk/provider';
import { describeRequest, requestKey } from './request-key.js';
import type { RecordedModelCall } from './schema.js';

export interface RecordingModel {
  /** Use this in place of the wrapped model. */
  model: LanguageModelV3;
  /** Every call so far, in order (the array grows as calls finish). */
  calls: RecordedModelCall[];
}

export function recordingModel(inner: LanguageModelV3): RecordingModel {
  const calls: RecordedModelCall[] = [];
  const keep = (
    request: LanguageModelV3CallOptions,
    content: LanguageModelV3Content[],
    finishReason: LanguageModelV3FinishReason,
    usage: LanguageModelV3Usage,
    modelId: string | undefined,
  ) => {
    calls.push({
      key: requestKey(request),
      model: modelId ?? inner.modelId,
      about: `call ${calls.length + 1}: ${describeRequest(request)}`,
      // A JSON round trip keeps the parts as plain data, as the recording file will hold them.
      content: JSON.parse(JSON.stringify(content)) as Record<string, unknown>[],
      finishReason: finishReason.unified,
      usage: { inputTokens: usage.inputTokens.total ?? 0, outputTokens: usage.outputTokens.total ?? 0 },
    });
  };
  const model: LanguageModelV3 = {
    specificationVersion: 'v3',
    provider: inner.provider,
    modelId: inner.modelId,
    supportedUrls: inner.supportedUrls,
    async doGenerate(request) {
      const result = await inner.doGenerate(request);
      keep(request, result.content, result.finishReason, result.usage, result.response?.modelId);
      return result;
    },
    async doStream(request) {
      const result = await inner.doStream(request);
      const collected = collector();
      const stream = result.stream.pipeThrough(
        new TransformStream<LanguageModelV3StreamPart, LanguageModelV3StreamPart>({
          transform(part, controller) {
            collected.add(part);
            controller.enqueue(part);
          },
          flush() {
            const done = collected.done();
            if (done) keep(request, done.content, done.finishReason, done.usage, done.modelId);
          },
        }),
      );
      return { ...result, stream };
    },
  };
  return { model, calls };
}

/** Rebuilds the content parts of a streamed response, as `doGenerate` would have returned them. */
function collector() {
  const content: LanguageModelV3Content[] = [];
  const open = new Map<string, { type: 'text' | 'reasoning'; text: string }>();
  let finish: { finishReason: LanguageModelV3FinishReason; usage: LanguageModelV3Usage } | undefined;
  let modelId: string | undefined;
  return {
    add(part: LanguageModelV3StreamPart) {
      switch (part.type) {
        case 'text-start':
        case 'reasoning-start': {
          const entry = {
            type: part.type === 'text-start' ? ('text' as const) : ('reasoning' as const),
            text: '',
          };
          open.set(part.id, entry);
          content.push(entry);
          break;
        }
        case 'text-delta':
        case 'reasoning-delta': {
          const entry = open.get(part.id);
          if (entry) entry.text += part.delta;
          break;
        }
        case 'tool-call':
        case 'tool-result':
        case 'file':
        case 'source':
        case 'tool-approval-request':
          content.push(part);
          break;
        case 'response-metadata':
          modelId = part.modelId ?? modelId;
          break;
        case 'finish':
          finish = { finishReason: part.finishReason, usage: part.usage };
          break;
        default:
          break;
      }
    },
    done() {
      return finish === undefined ? undefined : { content, ...finish, modelId };
    },
  };
}
