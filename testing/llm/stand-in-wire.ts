/**
 * The OpenAI Chat Completions wire format, as the stand-in server writes it: one JSON body for a
 * plain request, or the `chat.completion.chunk` events of a streamed one (text and tool arguments
 * split over several chunks, as real servers do, so a client's reassembly is exercised).
 * Shapes follow https://platform.openai.com/docs/api-reference/chat, which Ollama and vLLM copy.
 */

export interface ScriptedToolCall {
  name: string;
  /** The tool input; sent as a JSON string, as the wire format requires. */
  arguments: unknown;
}

export interface StandInUsage {
  promptTokens: number;
  completionTokens: number;
}

/** A successful answer: text, tool calls, or both. */
export interface Answer {
  content?: string;
  toolCalls?: readonly ScriptedToolCall[];
}

export interface Completion {
  id: string;
  model: string;
  answer: Answer;
  usage: StandInUsage;
}

const CREATED_S = 1_767_225_600; // 2026-01-01; a fixed time keeps recorded answers reproducible

function finishReason(answer: Answer): 'stop' | 'tool_calls' {
  return answer.toolCalls?.length ? 'tool_calls' : 'stop';
}

function wireUsage(u: StandInUsage) {
  return {
    prompt_tokens: u.promptTokens,
    completion_tokens: u.completionTokens,
    total_tokens: u.promptTokens + u.completionTokens,
  };
}

function toolCallId(completionId: string, index: number): string {
  return `call_${completionId}_${index}`;
}

export function completionBody(c: Completion): Record<string, unknown> {
  const toolCalls = c.answer.toolCalls ?? [];
  const message = {
    role: 'assistant',
    content: c.answer.content ?? null,
    ...(toolCalls.length
      ? {
          tool_calls: toolCalls.map((t, i) => ({
            id: toolCallId(c.id, i),
            type: 'function',
            function: { name: t.name, arguments: JSON.stringify(t.arguments) },
          })),
        }
      : {}),
  };
  return {
    id: c.id,
    object: 'chat.completion',
    created: CREATED_S,
    model: c.model,
    choices: [{ index: 0, message, finish_reason: finishReason(c.answer) }],
    usage: wireUsage(c.usage),
  };
}

/** The `data:` payloads of a streamed answer, ending with `[DONE]`. */
export function streamEvents(c: Completion, includeUsage: boolean): string[] {
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
    JSON.stringify({
      id: c.id,
      object: 'chat.completion.chunk',
      created: CREATED_S,
      model: c.model,
      choices: [{ index: 0, delta, finish_reason: finish }],
    });
  const events = [chunk({ role: 'assistant', content: '' })];
  for (const piece of halves(c.answer.content ?? '')) events.push(chunk({ content: piece }));
  (c.answer.toolCalls ?? []).forEach((t, index) => {
    const head = {
      index,
      id: toolCallId(c.id, index),
      type: 'function',
      function: { name: t.name, arguments: '' },
    };
    events.push(chunk({ tool_calls: [head] }));
    for (const piece of halves(JSON.stringify(t.arguments))) {
      events.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
    }
  });
  events.push(chunk({}, finishReason(c.answer)));
  if (includeUsage) {
    events.push(
      JSON.stringify({
        id: c.id,
        object: 'chat.completion.chunk',
        created: CREATED_S,
        model: c.model,
        choices: [],
        usage: wireUsage(c.usage),
      }),
    );
  }
  events.push('[DONE]');
  return events;
}

function halves(text: string): string[] {
  if (text.length < 2) return text ? [text] : [];
  const mid = Math.ceil(text.length / 2);
  return [text.slice(0, mid), text.slice(mid)];
}
