/**
 * What the LLM agent runs on, apart from its models: the alert, the investigation's context (windows,
 * service graph, change ids), the built-in brain's report, and a tool caller. A live investigation
 * builds it from the ToolContext; an eval builds it from a recording, whose tools answer from the
 * recorded results. The agent cannot tell the two apart, which is what makes a replay faithful.
 */
import type { Alert } from '../../../core/index.js';
import type { Tracer } from '../../../tracing/index.js';
import { type InvestigationContext, summariseContext } from '../../context-summary.js';
import { callTool, type ToolContext, type ToolName, tools } from '../../tools/index.js';
import type { BrainOutput } from '../brain.js';

/**
 * Calls one investigation tool for the model, inside a traced `tool` span whose call id is the
 * model's, and returns the JSON the model reads. Failures come back as `{ error }` JSON, never as a
 * throw: the model reads the message and may try again.
 */
export type ToolCaller = (name: ToolName, input: unknown, callId: string, tracer: Tracer) => Promise<unknown>;

export interface AgentContext {
  alert: Alert;
  context: InvestigationContext;
  /** The built-in brain's answer: the model's draft, and the fallback when the model fails. */
  baseline: BrainOutput;
  callTool: ToolCaller;
}

/** The live context: the tools run on the investigation's collected data. */
export function liveAgentContext(ctx: ToolContext, baseline: BrainOutput): AgentContext {
  return {
    alert: ctx.alert,
    context: summariseContext(ctx),
    baseline,
    callTool: async (name, input, callId, tracer) => {
      const result = await callTool(tools[name] as never, input, ctx, tracer, callId);
      return JSON.parse(result.json) as unknown;
    },
  };
}
