/**
 * The OpenTelemetry GenAI attributes of a model call, a tool call and an agent, set in one call so
 * that every brain and tool names them the same way and the tree printer finds them.
 */
import { ATTR, OPERATION } from './attributes.js';
import type { AttributeValue } from './schema.js';
import type { ActiveSpan } from './tracer.js';

/** One model call as the trace keeps it. Its latency is the span's duration. */
export interface PromptRecord {
  /** `anthropic`, `openai`, … as in `gen_ai.provider.name`. */
  provider: string;
  model: string;
  /** The model id the provider reported, when it differs from (or resolves) the one asked for. */
  responseModel?: string;
  /** The request as sent (messages, or the provider's body); kept as JSON text. */
  messages: unknown;
  /** The answer (text, or the tool calls); kept as JSON text unless already a string. */
  output: unknown;
  inputTokens: number;
  outputTokens: number;
  finishReason: string;
  /** Absent when the model has no price in the table: unknown is not free. */
  costUsd?: number;
}

/** One tool call as the trace keeps it. Its duration is the span's. */
export interface ToolCallRecord {
  tool: string;
  callId?: string;
  input: unknown;
  output?: unknown;
  /** A failure returned as data (bad input, a backend error); marks the span as an error. */
  error?: string;
}

/** The attributes of a `prompt` span; for `Tracer.recordSpan`, where there is no live span. */
export function promptAttributes(p: PromptRecord): Record<string, AttributeValue> {
  return {
    [ATTR.operationName]: OPERATION.chat,
    [ATTR.providerName]: p.provider,
    [ATTR.requestModel]: p.model,
    ...(p.responseModel === undefined ? {} : { [ATTR.responseModel]: p.responseModel }),
    [ATTR.inputTokens]: p.inputTokens,
    [ATTR.outputTokens]: p.outputTokens,
    [ATTR.finishReasons]: [p.finishReason],
    [ATTR.promptMessages]: asText(p.messages),
    [ATTR.promptOutput]: asText(p.output),
    ...(p.costUsd === undefined ? {} : { [ATTR.costUsd]: p.costUsd }),
  };
}

/** Sets a model call's attributes on its span; long messages and outputs are truncated. */
export function recordPrompt(span: ActiveSpan, p: PromptRecord): void {
  span.setAttributes(promptAttributes(p));
}

/** The attributes of a `tool` span. */
export function toolCallAttributes(c: Omit<ToolCallRecord, 'error'>): Record<string, AttributeValue> {
  return {
    [ATTR.operationName]: OPERATION.executeTool,
    [ATTR.toolName]: c.tool,
    ...(c.callId === undefined ? {} : { [ATTR.toolCallId]: c.callId }),
    [ATTR.toolInput]: asText(c.input),
    ...(c.output === undefined ? {} : { [ATTR.toolOutput]: asText(c.output) }),
  };
}

/** Sets a tool call's attributes on its span, and marks the span failed when `error` is given. */
export function recordToolCall(span: ActiveSpan, c: ToolCallRecord): void {
  span.setAttributes(toolCallAttributes(c));
  if (c.error !== undefined) span.markError(c.error);
}

/** The attributes of an `agent` (or `investigation`) span for the coordinator or a specialist. */
export function agentAttributes(agentName: string): Record<string, AttributeValue> {
  return { [ATTR.operationName]: OPERATION.invokeAgent, [ATTR.agentName]: agentName };
}

/**
 * Strings stay as they are (a tool's capped JSON is not quoted again); anything else becomes JSON.
 * Tracing must never break the work it records, so a value JSON cannot hold is described instead.
 */
function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch (error) {
    return `(not serialisable: ${error instanceof Error ? error.message : String(error)})`;
  }
}
