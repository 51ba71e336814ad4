/**
 * Span attribute names, in one place so that every caller and the tree printer agree on them.
 *
 * Where the OpenTelemetry semantic conventions for generative AI define a name
 * (https://opentelemetry.io/docs/specs/semconv/gen-ai/, v1.37 or later, status "Development") we use
 * it, so a trace exported to an OpenTelemetry backend reads as an AI agent's trace there without a
 * mapping. What the conventions lack goes under `nightshift.*`.
 */
export const ATTR = {
  /**
   * `gen_ai.operation.name`: what the span does, one of {@link OPERATION}. Required on every GenAI
   * span by the convention (gen-ai-spans.md, gen-ai-agent-spans.md).
   */
  operationName: 'gen_ai.operation.name',
  /** `gen_ai.provider.name`: `anthropic`, `openai`, … (replaced `gen_ai.system` in v1.37). */
  providerName: 'gen_ai.provider.name',
  /** `gen_ai.request.model`: the model id we asked for. */
  requestModel: 'gen_ai.request.model',
  /** `gen_ai.response.model`: the model id that answered (a provider may resolve an alias). */
  responseModel: 'gen_ai.response.model',
  /** `gen_ai.usage.input_tokens`: tokens in the prompt, as the provider billed them. */
  inputTokens: 'gen_ai.usage.input_tokens',
  /** `gen_ai.usage.output_tokens`: tokens in the completion. */
  outputTokens: 'gen_ai.usage.output_tokens',
  /** `gen_ai.response.finish_reasons`: a string array by the convention (one per choice). */
  finishReasons: 'gen_ai.response.finish_reasons',
  /** `gen_ai.tool.name`: the tool an `execute_tool` span ran. */
  toolName: 'gen_ai.tool.name',
  /** `gen_ai.tool.call.id`: the model's id for the call, linking a tool span to the prompt that asked. */
  toolCallId: 'gen_ai.tool.call.id',
  /** `gen_ai.agent.name`: the coordinator or specialist an `invoke_agent` span stands for. */
  agentName: 'gen_ai.agent.name',
  /**
   * `error.type`: the class of a failure (`TimeoutError`, …). From the general conventions, which
   * the GenAI spans reference for failed operations; the message itself is the span's `error`.
   */
  errorType: 'error.type',
  /** Price of a prompt in US dollars, from our price table; the conventions carry no cost. */
  costUsd: 'nightshift.cost_usd',
  /**
   * The prompt as sent, as (truncated) JSON text. The conventions' opt-in `gen_ai.input.messages`
   * wants a structured message shape we do not keep; a cut string would not be valid there.
   */
  promptMessages: 'nightshift.prompt.messages',
  /** The model's answer (text, or its tool calls as JSON), truncated. */
  promptOutput: 'nightshift.prompt.output',
  /**
   * On the LLM brain's baseline span: the built-in brain's report as JSON, the draft the model
   * started from, so that `eval save` can make a replayable case from the trace alone.
   */
  baselineReport: 'nightshift.baseline.report',
  /** A tool's input as JSON text, truncated (compare the opt-in `gen_ai.tool.call.arguments`). */
  toolInput: 'nightshift.tool.input',
  /** A tool's output as JSON text, truncated (compare the opt-in `gen_ai.tool.call.result`). */
  toolOutput: 'nightshift.tool.output',
  /**
   * The investigation step a span belongs to (`collect`, `examine`, `hypothesise`, `review`,
   * `write`), so spans with varied names can be grouped by step in any backend.
   */
  step: 'nightshift.step',
  /**
   * Set on a span that had not finished when the trace was taken (work left running after a
   * timeout); its end is the time the trace was taken.
   */
  unfinished: 'nightshift.unfinished',
} as const;

/** Values of `gen_ai.operation.name` that Nightshift emits, as the conventions spell them. */
export const OPERATION = {
  /** A call to a chat model: one `prompt` span. */
  chat: 'chat',
  /** A tool run on the model's (or a specialist's) behalf: one `tool` span. */
  executeTool: 'execute_tool',
  /** The coordinator or a specialist doing its part: one `agent` or `investigation` span. */
  invokeAgent: 'invoke_agent',
} as const;
