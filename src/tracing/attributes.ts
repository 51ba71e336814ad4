/**
 * Span attribute names. Where the OpenTelemetry semantic conventions for generative AI define one
 * (https://opentelemetry.io/docs/specs/semconv/gen-ai/, `gen_ai.*`), we use it, so a trace
 * exported to any OpenTelemetry backend reads as an AI agent's trace there; what the conventions
 * lack goes under `nightshift.*`.
 */
export const ATTR = {
  operationName: 'gen_ai.operation.name',
  providerName: 'gen_ai.provider.name',
  requestModel: 'gen_ai.request.model',
  responseModel: 'gen_ai.response.model',
  inputTokens: 'gen_ai.usage.input_tokens',
  outputTokens: 'gen_ai.usage.output_tokens',
  finishReasons: 'gen_ai.response.finish_reasons',
  toolName: 'gen_ai.tool.name',
  toolCallId: 'gen_ai.tool.call.id',
  agentName: 'gen_ai.agent.name',
  costUsd: 'nightshift.cost_usd',
  promptMessages: 'nightshift.prompt.messages',
  promptOutput: 'nightshift.prompt.output',
  toolInput: 'nightshift.tool.input',
  toolOutput: 'nightshift.tool.output',
} as const;

/** `gen_ai.operation.name` values used here. */
export const OPERATION = { chat: 'chat', executeTool: 'execute_tool', invokeAgent: 'invoke_agent' } as const;
