/**
 * The trace's files: `trace.md` (the span tree as `nightshift trace` prints it, without colour),
 * one `prompts/NN-<name>.md` per model call and `tools/inputs|results/NN-<tool>.json` per tool call,
 * numbered in start order, so a reader can follow what went into each step and what came back.
 */
import { codeBlock, codeSpan, tableCell } from '../investigate/render/index.js';
import { ATTR, formatTraceTree, type SpanRecord, type TraceRecord } from '../tracing/index.js';
import { type ExportFile, jsonText } from './file.js';

const TRACE_CODE = ['src/tracing/tree.ts (formatTraceTree)', 'src/tracing/tracer.ts'];
const PROMPT_CODE = [
  'src/investigate/brains/llm/agent.ts (records each model call)',
  'src/investigate/brains/llm/investigator.prompt.ts (the instructions)',
];
const TOOL_CODE = ['src/investigate/tools/registry.ts', 'src/investigate/tools/call.ts (records each call)'];

/** The numbered prompt and tool files, then trace.md with a table linking spans to them. */
export function traceFiles(trace: TraceRecord): ExportFile[] {
  const prompts = trace.spans.filter((s) => s.kind === 'prompt');
  const tools = trace.spans.filter((s) => s.kind === 'tool');
  const files: ExportFile[] = [];
  const linked: { span: SpanRecord; files: string[] }[] = [];
  prompts.forEach((span, i) => {
    const path = `prompts/${numbered(i, prompts.length)}-${slug(span.name)}.md`;
    files.push({
      path,
      text: promptText(span, i + 1),
      about: `model call ${i + 1} of ${prompts.length}: its messages as sent and the model's output`,
      code: PROMPT_CODE,
    });
    linked.push({ span, files: [path] });
  });
  tools.forEach((span, i) => {
    const name = `${numbered(i, tools.length)}-${slug(toolName(span))}.json`;
    const tool = toolName(span);
    files.push(
      {
        path: `tools/inputs/${name}`,
        text: jsonText(parsedOrText(span.attributes[ATTR.toolInput])),
        about: `tool call ${i + 1} of ${tools.length} (${tool}): its input as the caller gave it`,
        code: [toolFile(tool), ...TOOL_CODE],
      },
      {
        path: `tools/results/${name}`,
        text: jsonText(toolResult(span)),
        about: `tool call ${i + 1} of ${tools.length} (${tool}): what it returned as the caller saw it, or {"error": …}`,
        code: [toolFile(tool), ...TOOL_CODE],
      },
    );
    linked.push({ span, files: [`tools/inputs/${name}`, `tools/results/${name}`] });
  });
  const order = new Map(trace.spans.map((s, i) => [s, i]));
  linked.sort((a, b) => (order.get(a.span) ?? 0) - (order.get(b.span) ?? 0));
  files.unshift({
    path: 'trace.md',
    text: traceMarkdown(trace, linked),
    about:
      'the span tree in ASCII with timings, tokens, cost and errors, and which file holds each prompt and tool call',
    code: TRACE_CODE,
  });
  return files;
}

/** `01`, `02`, … wide enough for `count` (three digits past 99), so names sort in order. */
export function numbered(index: number, count: number): string {
  return String(index + 1).padStart(Math.max(2, String(count).length), '0');
}

/** A file-name part: lower case, runs of other characters as `-`, at most 60 characters. */
export function slug(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9._]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 60);
  return s === '' ? 'unnamed' : s;
}

/** Where a registry tool's code lives: `search_logs` → src/investigate/tools/search-logs.ts. */
export function toolFile(tool: string): string {
  return `src/investigate/tools/${tool.replaceAll('_', '-')}.ts`;
}

function toolName(span: SpanRecord): string {
  const name = span.attributes[ATTR.toolName];
  return typeof name === 'string' ? name : span.name.replace(/^tool /, '');
}

function toolResult(span: SpanRecord): unknown {
  const output = span.attributes[ATTR.toolOutput];
  if (span.status === 'error') {
    return {
      error: span.error ?? 'failed',
      ...(output === undefined ? {} : { output: parsedOrText(output) }),
    };
  }
  return output === undefined ? null : parsedOrText(output);
}

/** JSON text as its value; text that is not JSON (a truncated attribute) as the string itself. */
function parsedOrText(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function promptText(span: SpanRecord, n: number): string {
  const at = (key: string) => span.attributes[key];
  const facts = [
    `- span: ${codeSpan(span.id)}${span.parentId === undefined ? '' : ` (parent ${codeSpan(span.parentId)})`}, ${span.endMs - span.startMs} ms`,
    `- model: ${codeSpan(String(at(ATTR.requestModel) ?? 'unknown'))}${at(ATTR.responseModel) === undefined ? '' : `, answered by ${codeSpan(String(at(ATTR.responseModel)))}`}${at(ATTR.providerName) === undefined ? '' : ` (${String(at(ATTR.providerName))})`}`,
    `- tokens: ${Number(at(ATTR.inputTokens) ?? 0)} in / ${Number(at(ATTR.outputTokens) ?? 0)} out${typeof at(ATTR.costUsd) === 'number' ? `, $${(at(ATTR.costUsd) as number).toFixed(4)}` : ''}`,
    `- finish: ${[at(ATTR.finishReasons) ?? 'unknown'].flat().join(', ')}`,
    `- status: ${span.status}${span.error === undefined ? '' : ` (${span.error.replace(/\s+/g, ' ')})`}`,
  ];
  return [
    `# Prompt ${n}: ${span.name.replace(/\s+/g, ' ')}`,
    '',
    ...facts,
    '',
    '## Messages',
    '',
    ...fenced(at(ATTR.promptMessages)),
    '',
    '## Output',
    '',
    ...fenced(at(ATTR.promptOutput)),
    '',
  ].join('\n');
}

/** JSON pretty-printed in a json block; other text as it is; a missing attribute says so. */
function fenced(value: unknown): string[] {
  if (value === undefined) return ['(not recorded)'];
  const parsed = parsedOrText(value);
  return typeof parsed === 'string'
    ? codeBlock(parsed, { lang: 'text' })
    : codeBlock(JSON.stringify(parsed, null, 2), { lang: 'json' });
}

function traceMarkdown(trace: TraceRecord, linked: { span: SpanRecord; files: string[] }[]): string {
  const out = [
    `# Trace ${codeSpan(trace.traceId)}`,
    '',
    'Each span under its parent in start order, with its duration, and tokens, cost, model, tool and errors where they apply; the first line sums them.',
    '',
    ...codeBlock(formatTraceTree(trace).trimEnd(), { lang: 'text' }),
  ];
  if (linked.length > 0) {
    out.push(
      '',
      '## Files of each prompt and tool call',
      '',
      '| span | name | status | ms | files |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const { span, files } of linked) {
      out.push(
        `| ${codeSpan(span.id)} | ${tableCell(span.name)} | ${span.status} | ${span.endMs - span.startMs} | ${files.map((f) => `[${f}](${f})`).join(', ')} |`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}
