/**
 * Runs every registered specialist in parallel, each in its own traced span, and keeps the tool
 * calls' ids and queries so every evidence item in the report can name the call that produced it.
 * A specialist whose tool fails leaves its findings undefined and the failure in `failed`.
 */
import type { Tracer } from '../../../../tracing/index.js';
import { callTool, type Tool, type ToolContext, type ToolOutput, tools } from '../../../tools/index.js';
import type { Findings } from './findings.js';
import { SPECIALIST_NAMES, specialists } from './registry.js';
import type { Specialist } from './specialist.js';

export async function runSpecialists(ctx: ToolContext, tracer: Tracer): Promise<Findings> {
  const failed: Findings['failed'] = [];
  const found = await Promise.all(
    SPECIALIST_NAMES.map((name) =>
      tracer.span(`specialist ${name}`, 'agent', { 'gen_ai.agent.name': `${name} specialist` }, async () => {
        const specialist: Specialist = specialists[name];
        // defineSpecialist tied this specialist's tool to its examine, so the widened types agree.
        const tool = tools[specialist.tool] as Tool;
        const result = await callTool(tool, specialist.input, ctx, tracer);
        if (!result.ok) {
          failed.push({ tool: result.tool, error: result.error });
          return undefined;
        }
        const from = { tool: result.tool, query: result.query, callId: result.callId };
        return {
          ...(specialist.examine(result.output as ToolOutput<typeof specialist.tool>) as object),
          from,
        };
      }),
    ),
  );
  return { ...Object.fromEntries(SPECIALIST_NAMES.map((name, i) => [name, found[i]])), failed } as Findings;
}
