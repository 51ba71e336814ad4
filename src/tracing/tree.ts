/**
 * A trace as an ASCII tree, the way `nightshift trace` prints it: each span under its parent in
 * start order, with its duration, and tokens, cost, tool name and errors where they apply; a first
 * line with the totals. A span whose parent is missing is shown at the top rather than dropped.
 */
import { createColors } from 'picocolors';
import { ATTR } from './attributes.js';
import type { SpanRecord, TraceRecord } from './schema.js';

export interface TraceTotals {
  durationMs: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  prompts: number;
  toolCalls: number;
  errors: number;
}

export function traceTotals(trace: TraceRecord): TraceTotals {
  const start = Math.min(...trace.spans.map((s) => s.startMs), trace.startedAt);
  const end = Math.max(...trace.spans.map((s) => s.endMs), start);
  const num = (s: SpanRecord, key: string) =>
    typeof s.attributes[key] === 'number' ? (s.attributes[key] as number) : 0;
  const prompts = trace.spans.filter((s) => s.kind === 'prompt');
  return {
    durationMs: end - start,
    inputTokens: prompts.reduce((sum, s) => sum + num(s, ATTR.inputTokens), 0),
    outputTokens: prompts.reduce((sum, s) => sum + num(s, ATTR.outputTokens), 0),
    costUsd: prompts.reduce((sum, s) => sum + num(s, ATTR.costUsd), 0),
    prompts: prompts.length,
    toolCalls: trace.spans.filter((s) => s.kind === 'tool').length,
    errors: trace.spans.filter((s) => s.status === 'error').length,
  };
}

export function formatTraceTree(trace: TraceRecord, options: { color?: boolean } = {}): string {
  const c = createColors(options.color ?? false);
  const t = traceTotals(trace);
  const head = [
    c.bold(trace.name),
    formatMs(t.durationMs),
    `${t.toolCalls} tool call${t.toolCalls === 1 ? '' : 's'}`,
    ...(t.prompts > 0
      ? [
          `${t.prompts} prompt${t.prompts === 1 ? '' : 's'}`,
          `${t.inputTokens} in / ${t.outputTokens} out tokens`,
          formatUsd(t.costUsd),
        ]
      : []),
    t.errors > 0 ? c.red(`${t.errors} error${t.errors === 1 ? '' : 's'}`) : 'no errors',
  ].join(' · ');
  const ids = new Set(trace.spans.map((s) => s.id));
  const children = new Map<string | undefined, SpanRecord[]>();
  for (const s of trace.spans) {
    const parent = s.parentId && ids.has(s.parentId) ? s.parentId : undefined;
    children.set(parent, [...(children.get(parent) ?? []), s]);
  }
  for (const list of children.values())
    list.sort((a, b) => a.startMs - b.startMs || a.id.localeCompare(b.id, 'en', { numeric: true }));
  const lines = [head];
  const walk = (parent: string | undefined, prefix: string) => {
    const list = children.get(parent) ?? [];
    list.forEach((s, i) => {
      const last = i === list.length - 1;
      lines.push(`${prefix}${last ? '└─ ' : '├─ '}${describe(s, c)}`);
      walk(s.id, `${prefix}${last ? '   ' : '│  '}`);
    });
  };
  walk(undefined, '');
  return `${lines.join('\n')}\n`;
}

function describe(s: SpanRecord, c: ReturnType<typeof createColors>): string {
  const a = s.attributes;
  const parts = [s.name, c.dim(s.kind), formatMs(s.endMs - s.startMs)];
  if (s.kind === 'prompt') {
    if (a[ATTR.requestModel] !== undefined) parts.push(String(a[ATTR.requestModel]));
    if (a[ATTR.inputTokens] !== undefined)
      parts.push(`${a[ATTR.inputTokens]} in / ${a[ATTR.outputTokens] ?? 0} out`);
    if (typeof a[ATTR.costUsd] === 'number') parts.push(formatUsd(a[ATTR.costUsd] as number));
  }
  const line = parts.join(' · ');
  return s.status === 'error' ? `${line} ${c.red(`ERROR ${s.error ?? ''}`.trim())}` : line;
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

function formatUsd(usd: number): string {
  return `$${usd < 0.01 ? usd.toFixed(4) : usd.toFixed(2)}`;
}
