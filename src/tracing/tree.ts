/**
 * A trace as an ASCII tree, the way `nightshift trace` prints it and `trace.txt` keeps it: each span
 * under its parent in start order, with its duration, and tokens, cost, model, tool and errors
 * where they apply; a first line with the totals.
 */
import { createColors } from 'picocolors';
import { ATTR } from './attributes.js';
import type { SpanRecord, TraceRecord } from './schema.js';
import { promptUsage, traceTotals } from './totals.js';

export interface TraceTreeOptions {
  /** ANSI colors; off by default so files and tests get the same bytes. */
  color?: boolean;
  /** Lines longer than this many characters are cut with `…` (a terminal's column count). */
  width?: number;
}

type Colors = ReturnType<typeof createColors>;
/** A run of text and how to color it: lines are cut to a width before colors are added. */
type Piece = { text: string; paint?: (text: string) => string };
/** Each span's children as shown, in start order; `undefined` holds the top level. */
type Layout = Map<SpanRecord | undefined, SpanRecord[]>;

/** The trace as text ending in a newline; deterministic for a given trace and options. */
export function formatTraceTree(trace: TraceRecord, options: TraceTreeOptions = {}): string {
  const c = createColors(options.color ?? false);
  const layout = layOut(trace.spans);
  const lines: Piece[][] = [header(trace, c)];
  const walk = (parent: SpanRecord | undefined, indent: string) => {
    const children = layout.get(parent) ?? [];
    children.forEach((span, i) => {
      const last = i === children.length - 1;
      lines.push([{ text: `${indent}${last ? '└─ ' : '├─ '}` }, ...describe(span, layout, c)]);
      walk(span, `${indent}${last ? '   ' : '│  '}`);
    });
  };
  walk(undefined, '');
  return lines
    .map((line) => render(cutToWidth(line, options.width)))
    .join('\n')
    .concat('\n');
}

function header(trace: TraceRecord, c: Colors): Piece[] {
  const t = traceTotals(trace);
  const parts: Piece[] = [
    { text: oneLine(trace.name), paint: c.bold },
    { text: formatMs(t.durationMs) },
    { text: count(t.toolCalls, 'tool call') },
  ];
  if (t.prompts > 0) {
    parts.push({ text: count(t.prompts, 'prompt') });
    parts.push({ text: `${t.inputTokens} in / ${t.outputTokens} out tokens` });
    if (hasCost(trace.spans)) parts.push({ text: formatUsd(t.costUsd) });
  }
  parts.push(t.errors > 0 ? { text: count(t.errors, 'error'), paint: c.red } : { text: 'no errors' });
  return joined(parts);
}

/**
 * Places every span exactly once: under its parent when that parent exists, else at the top level.
 * A span whose parent is missing (a trace cut short, a hand edit) is shown rather than dropped, and
 * parents that form a cycle cannot make the printer loop.
 */
function layOut(spans: readonly SpanRecord[]): Layout {
  const ordered = [...spans].sort((a, b) => a.startMs - b.startMs);
  const ids = new Set(spans.map((s) => s.id));
  const hasParent = (s: SpanRecord) => s.parentId !== undefined && ids.has(s.parentId);
  const childrenById = new Map<string, SpanRecord[]>();
  for (const s of ordered)
    if (s.parentId !== undefined && ids.has(s.parentId)) append(childrenById, s.parentId, s);
  const layout: Layout = new Map();
  const placed = new Set<SpanRecord>();
  const place = (span: SpanRecord, parent: SpanRecord | undefined) => {
    placed.add(span);
    append(layout, parent, span);
    for (const child of childrenById.get(span.id) ?? []) if (!placed.has(child)) place(child, span);
  };
  for (const s of ordered) if (!hasParent(s)) place(s, undefined);
  for (const s of ordered) if (!placed.has(s)) place(s, undefined);
  return layout;
}

function describe(span: SpanRecord, layout: Layout, c: Colors): Piece[] {
  const a = span.attributes;
  const parts: Piece[] = [
    { text: oneLine(span.name) },
    { text: span.kind, paint: c.dim },
    { text: formatMs(span.endMs - span.startMs) },
  ];
  if (span.kind === 'prompt') {
    const model = a[ATTR.responseModel] ?? a[ATTR.requestModel];
    if (model !== undefined && !span.name.includes(String(model))) parts.push({ text: String(model) });
    if (a[ATTR.inputTokens] !== undefined || a[ATTR.outputTokens] !== undefined)
      parts.push({ text: `${a[ATTR.inputTokens] ?? 0} in / ${a[ATTR.outputTokens] ?? 0} out` });
    const cost = a[ATTR.costUsd];
    if (typeof cost === 'number') parts.push({ text: formatUsd(cost) });
  } else {
    const tool = a[ATTR.toolName];
    if (tool !== undefined && !span.name.includes(String(tool))) parts.push({ text: String(tool) });
    const below = descendants(span, layout);
    const usage = promptUsage(below);
    if (usage.prompts > 0) {
      parts.push({ text: count(usage.prompts, 'prompt') });
      parts.push({ text: `${usage.inputTokens} in / ${usage.outputTokens} out` });
      if (hasCost(below)) parts.push({ text: formatUsd(usage.costUsd) });
    }
  }
  const pieces = joined(parts);
  if (span.status === 'error') {
    const message = oneLine(span.error ?? '');
    pieces.push({ text: message === '' ? ' ERROR' : ` ERROR ${message}`, paint: c.red });
  }
  return pieces;
}

function descendants(span: SpanRecord, layout: Layout): SpanRecord[] {
  const out: SpanRecord[] = [];
  const visit = (s: SpanRecord) => {
    for (const child of layout.get(s) ?? []) {
      out.push(child);
      visit(child);
    }
  };
  visit(span);
  return out;
}

/** Cuts a line to `width` characters, ending it with `…`, before any color codes are added. */
function cutToWidth(line: Piece[], width: number | undefined): Piece[] {
  const length = line.reduce((n, p) => n + p.text.length, 0);
  if (width === undefined || length <= width) return line;
  let room = Math.max(0, width - 1);
  const cut: Piece[] = [];
  for (const piece of line) {
    if (room === 0) break;
    const text = piece.text.slice(0, room);
    cut.push({ ...piece, text });
    room -= text.length;
  }
  return [...cut, { text: '…' }];
}

function render(line: Piece[]): string {
  return line.map((p) => (p.paint ? p.paint(p.text) : p.text)).join('');
}

function joined(parts: Piece[]): Piece[] {
  return parts.flatMap((part, i) => (i === 0 ? [part] : [{ text: ' · ' }, part]));
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function hasCost(spans: readonly SpanRecord[]): boolean {
  return spans.some((s) => s.kind === 'prompt' && typeof s.attributes[ATTR.costUsd] === 'number');
}

/** A multi-line error or name would break the tree's lines. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Under ten seconds with two decimals: most steps take a second or two and differ in tenths. */
export function formatMs(ms: number): string {
  const clamped = Math.max(0, ms);
  if (Math.round(clamped) < 1000) return `${Math.round(clamped)} ms`;
  return `${(clamped / 1000).toFixed(clamped < 10_000 ? 2 : 1)} s`;
}

/** Four decimals under a dollar: a cheap model's prompt costs fractions of a cent. */
export function formatUsd(usd: number): string {
  return `$${usd.toFixed(usd < 1 ? 4 : 2)}`;
}
