/**
 * The key a recorded model response is found by: the sha256 of a canonical form of the request that
 * produced it. The canonical form keeps what decides a model's answer (the prompt messages, the
 * tools with their schemas, the response format, the tool choice) and leaves out what differs
 * between two runs of the same investigation: abort signals, headers, provider options, and the
 * tool call ids a provider generates (renumbered in order of appearance, so a live re-run whose
 * provider names its calls differently still finds its responses).
 */
import { createHash } from 'node:crypto';
import type { LanguageModelV3CallOptions, LanguageModelV3Message } from '@ai-sdk/provider';

/** The request reduced to what decides the answer, with tool call ids renumbered. */
export function canonicalRequest(options: LanguageModelV3CallOptions): unknown {
  const ids = new Map<string, string>();
  const idOf = (id: string) => {
    const known = ids.get(id);
    if (known !== undefined) return known;
    const next = `tool-call-${ids.size + 1}`;
    ids.set(id, next);
    return next;
  };
  return {
    prompt: options.prompt.map((message) => canonicalMessage(message, idOf)),
    tools: (options.tools ?? []).map((t) =>
      t.type === 'function'
        ? { type: t.type, name: t.name, description: t.description, inputSchema: t.inputSchema }
        : { type: t.type, id: t.id, name: t.name, args: t.args },
    ),
    responseFormat: options.responseFormat ?? { type: 'text' },
    toolChoice: options.toolChoice ?? { type: 'auto' },
  };
}

function canonicalMessage(message: LanguageModelV3Message, idOf: (id: string) => string): unknown {
  if (message.role === 'system') return { role: message.role, content: message.content };
  return {
    role: message.role,
    content: message.content.map((part) => {
      // providerOptions carry per-request settings (cache control, ids), not what the model is asked.
      const { providerOptions: _ignored, ...rest } = part as typeof part & { providerOptions?: unknown };
      return 'toolCallId' in rest ? { ...rest, toolCallId: idOf(rest.toolCallId) } : rest;
    }),
  };
}

/** JSON with object keys sorted at every depth, so equal requests give equal text. */
export function stableJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value instanceof URL) return value.href;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = sortKeys(v);
  }
  return out;
}

/** sha256 (hex) of the canonical request: the `key` of a recorded model call. */
export function requestKey(options: LanguageModelV3CallOptions): string {
  return createHash('sha256')
    .update(stableJson(canonicalRequest(options)))
    .digest('hex');
}

/**
 * A short description of a request for a person: the last user or tool message's start and the
 * number of tools offered (what `about` keeps, and what a replay miss names).
 */
export function describeRequest(options: LanguageModelV3CallOptions, maxChars = 120): string {
  const last = [...options.prompt].reverse().find((m) => m.role === 'user' || m.role === 'tool');
  const text = last === undefined ? '(no user message)' : `${last.role}: ${messageText(last)}`;
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const cut = oneLine.length > maxChars ? `${oneLine.slice(0, maxChars - 1)}…` : oneLine;
  const tools = options.tools?.length ?? 0;
  return tools > 0 ? `${cut} [${tools} tools]` : cut;
}

function messageText(message: LanguageModelV3Message): string {
  if (message.role === 'system') return message.content;
  return message.content
    .map((part) => {
      if (part.type === 'text') return part.text;
      if (part.type === 'tool-result')
        return `${part.toolName} → ${JSON.stringify(part.output.type === 'json' || part.output.type === 'text' ? part.output.value : part.output.type)}`;
      return `(${part.type})`;
    })
    .join(' ');
}
