/**
 * Pure transforms between Loki's wire form and Nightshift's: nanosecond strings and epoch ms,
 * levels detected from labels or the line, stream entries to log records, and the selector with
 * the hinted services filled in.
 */
import type { LogLevel, LogRecord } from '../../core/index.js';
import { SERVICES_VARIABLE } from './config.js';
import type { LokiEntry, LokiStream } from './wire.js';

const NS_PER_MS = 1_000_000n;

/** Epoch ms → Loki's nanosecond epoch string (exact). */
export function msToNs(ms: number): string {
  return (BigInt(Math.trunc(ms)) * NS_PER_MS).toString();
}

/**
 * Loki's nanosecond string → epoch ms, rounded down. Nanoseconds exceed 2^53, so the string is
 * read as a BigInt; the sub-millisecond part is dropped (LogRecord keeps ms), which can reorder
 * entries written within the same millisecond.
 */
export function nsToMs(ns: string): number {
  return Number(BigInt(ns) / NS_PER_MS);
}

const LEVEL_ALIASES: Record<string, LogLevel> = {
  trace: 'trace',
  trc: 'trace',
  debug: 'debug',
  dbg: 'debug',
  info: 'info',
  inf: 'info',
  information: 'info',
  informational: 'info',
  notice: 'info',
  warn: 'warn',
  warning: 'warn',
  wrn: 'warn',
  error: 'error',
  err: 'error',
  eror: 'error',
  fatal: 'fatal',
  critical: 'fatal',
  crit: 'fatal',
  panic: 'fatal',
  emerg: 'fatal',
  emergency: 'fatal',
  alert: 'fatal',
};

/** A level word in any case → a LogLevel; undefined when it is not one. */
export function normaliseLevel(word: string | undefined): LogLevel | undefined {
  return word === undefined ? undefined : LEVEL_ALIASES[word.trim().toLowerCase()];
}

const JSON_LEVEL_KEYS = ['level', 'lvl', 'severity', 'log.level'] as const;
const JSON_TRACE_KEYS = ['trace_id', 'traceID', 'traceId', 'trace.id'] as const;
const LOGFMT_LEVEL = /(?:^|\s)(?:level|lvl|severity)=("?)([A-Za-z]+)\1(?=\s|$)/;

/** The line as a JSON object, when it is one. */
export function parseJsonLine(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function firstString(obj: Record<string, unknown> | undefined, keys: readonly string[]): string | undefined {
  if (!obj) return undefined;
  for (const k of keys) {
    const v = obj[k];
    if (typeof v === 'string' && v !== '') return v;
  }
  return undefined;
}

/**
 * The level of a line: the level label (or structured metadata, or Loki's own `detected_level`)
 * first, then a JSON `level` field, then logfmt `level=`; `info` when nothing says otherwise.
 */
export function detectLevel(line: string, labels: Record<string, string>, levelLabel: string): LogLevel {
  return (
    normaliseLevel(labels[levelLabel]) ??
    normaliseLevel(labels.detected_level) ??
    normaliseLevel(firstString(parseJsonLine(line), JSON_LEVEL_KEYS)) ??
    normaliseLevel(LOGFMT_LEVEL.exec(line)?.[2]) ??
    'info'
  );
}

const TRACE_LABELS = ['trace_id', 'traceID', 'traceId'] as const;

export interface MapOptions {
  serviceLabel: string;
  levelLabel: string;
}

/** The labels of one entry: its stream's, plus its structured metadata (which wins). */
export function entryLabels(stream: Record<string, string>, entry: LokiEntry): Record<string, string> {
  const extra = entry[2];
  if (extra === undefined) return stream;
  const meta =
    'structuredMetadata' in extra || 'parsed' in extra
      ? {
          ...(extra.structuredMetadata as Record<string, string> | undefined),
          ...(extra.parsed as Record<string, string> | undefined),
        }
      : (extra as Record<string, string>);
  return { ...stream, ...meta };
}

/** One Loki entry → a LogRecord; `message` is the line as stored. */
export function toLogRecord(
  stream: Record<string, string>,
  entry: LokiEntry,
  options: MapOptions,
): LogRecord {
  const [ns, line] = entry;
  const labels = entryLabels(stream, entry);
  const traceId = firstString(labels, TRACE_LABELS) ?? firstString(parseJsonLine(line), JSON_TRACE_KEYS);
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) {
    if (k === options.serviceLabel || k === options.levelLabel) continue;
    if ((TRACE_LABELS as readonly string[]).includes(k)) continue;
    attrs[k] = v;
  }
  return {
    ts: nsToMs(ns),
    service: labels[options.serviceLabel] ?? 'unknown',
    level: detectLevel(line, labels, options.levelLabel),
    message: line,
    ...(traceId !== undefined && { traceId }),
    ...(Object.keys(attrs).length > 0 && { attrs }),
  };
}

/** A key that tells one entry from another: Loki's own identity (time, stream, line). */
export function entryKey(stream: Record<string, string>, entry: LokiEntry): string {
  const labels = Object.keys(stream)
    .sort()
    .map((k) => `${k}=${stream[k]}`)
    .join(',');
  return `${entry[0]}\u0000${labels}\u0000${entry[1]}`;
}

export interface PageEntry {
  stream: Record<string, string>;
  entry: LokiEntry;
}

/** A page's entries with their streams, oldest first. */
export function flattenStreams(streams: readonly LokiStream[]): PageEntry[] {
  const out: PageEntry[] = [];
  for (const s of streams) for (const entry of s.values) out.push({ stream: s.stream, entry });
  return out.sort((a, b) => compareNs(a.entry[0], b.entry[0]));
}

/** Compares nanosecond strings of digits without losing precision. */
export function compareNs(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Escapes a service name for a regex inside a LogQL double-quoted string. */
export function servicesPattern(services: readonly string[] | undefined): string {
  if (!services || services.length === 0) return '.+';
  const alternatives = services.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return alternatives.join('|').replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/** The query with `$services` filled in. */
export function renderQuery(template: string, services: readonly string[] | undefined): string {
  return template.replaceAll(SERVICES_VARIABLE, servicesPattern(services));
}
