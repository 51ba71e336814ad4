/**
 * The `tool` target: one investigation tool, called on a bundle with the case's vars as its input,
 * inside exactly the context an investigation would build for that bundle (sources collected and
 * redacted, windows found, the service graph) — `withToolContext`, shared with the coordinator.
 * The output is what a model would see: the tool's presented JSON.
 */
import { z } from 'zod';
import { formatProblem, NightshiftError } from '../../core/index.js';
import { bundleInvestigationInput, withToolContext } from '../../investigate/index.js';
import { callTool, TOOL_NAMES, type Tool, type ToolName, tools } from '../../investigate/tools/index.js';
import { Tracer } from '../../tracing/index.js';
import { closestName } from '../assertions/closest-name.js';
import type { TargetDeps } from './registry.js';
import { defineTarget, type EvalTarget, type TargetCase } from './target.js';

/** `tool:` names a tool of the investigation registry; a typo is refused with the closest name. */
const toolNameSchema = z.string().transform((name, ctx): ToolName => {
  if (Object.hasOwn(tools, name)) return name as ToolName;
  const guess = closestName(name, TOOL_NAMES);
  ctx.addIssue({
    code: 'custom',
    message: `unknown tool "${name}"${guess === undefined ? '' : `; did you mean "${guess}"?`} Known tools: ${TOOL_NAMES.join(', ')}`,
  });
  return z.NEVER;
});

export const toolConfigSchema = z.object({ tool: toolNameSchema }).strict();
export type ToolTargetConfig = z.output<typeof toolConfigSchema>;

/** The case's vars parsed by the tool's own schema; a bad input names the case's field. */
function parseToolInput(tool: Tool, testCase: TargetCase): unknown {
  const parsed = tool.input.safeParse(testCase.vars);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) =>
    formatProblem({
      file: testCase.suiteFile,
      field: ['input', 'vars', ...issue.path].join('.'),
      message: `case "${testCase.name}": ${tool.name} ${issue.message}`,
    }),
  );
  throw new NightshiftError('BAD_INPUT', problems.join('\n'), {
    hint: `Give input.vars as ${tool.name}'s input: ${tool.description}`,
  });
}

export function createToolTarget(deps: TargetDeps): EvalTarget<typeof toolConfigSchema> {
  return defineTarget({
    description: 'One investigation tool on a bundle or a lab recipe, with the case vars as its input.',
    config: toolConfigSchema,
    accepts: ['bundle'],
    async identity(config) {
      return { tool: config.tool, codeVersion: await deps.codeVersion() };
    },
    async run(config, testCase, env) {
      env.signal.throwIfAborted();
      const { source } = testCase;
      const tool: Tool = tools[config.tool];
      if (source.kind !== 'bundle')
        throw new NightshiftError(
          'BAD_INPUT',
          `${testCase.suiteFile}: case "${testCase.name}": the tool target needs input.lab or input.bundle`,
        );
      const input = parseToolInput(tool, testCase);
      const started = performance.now();
      const tracer = new Tracer({ traceId: `eval-tool-${config.tool}`, name: `eval tool ${config.tool}` });
      const investigationInput = await bundleInvestigationInput(source.dir);
      const result = await withToolContext(investigationInput, { tracer }, (ctx) =>
        callTool(tool, input, ctx, tracer),
      );
      if (!result.ok) throw new NightshiftError('QUERY_FAILED', `case "${testCase.name}": ${result.error}`);
      const json = tool.present(result.output);
      return { json, text: JSON.stringify(json), latencyMs: performance.now() - started };
    },
  });
}
