/**
 * Canonical text of recorded values, so that two runs compare equal when they recorded the same
 * thing, whatever order their JSON objects' keys came in, and a short excerpt of where two texts
 * part, for a person to read. Pure.
 */
import { createHash } from 'node:crypto';

/**
 * JSON text with every object's keys sorted and no spaces. A string that is itself a JSON object or
 * array, at any depth (a tool's input and output, the investigation context, are kept on the trace
 * as JSON text), is compared as the value it holds; one that is not (an attribute cut at 20,000
 * characters) stays a string.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sorted(value)) ?? 'null';
}

/** The first 12 hex digits of the SHA-256 of `text`: enough to tell two steps apart in a listing. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

/** Characters of context shown before the first difference, and in all. */
const BEFORE_CHARS = 30;
const EXCERPT_CHARS = 100;

/**
 * The same stretch of both texts around the first character where they differ, cut with `…`:
 * `{"service":"checkout"…` against `{"service":"payments"…`. Undefined when the texts are equal.
 */
export function excerpts(a: string, b: string): { a: string; b: string } | undefined {
  if (a === b) return undefined;
  let at = 0;
  while (at < a.length && at < b.length && a[at] === b[at]) at++;
  const start = Math.max(0, at - BEFORE_CHARS);
  const cut = (text: string) => {
    const end = start + EXCERPT_CHARS;
    const body = text.slice(start, end);
    return `${start > 0 ? '…' : ''}${body}${text.length > end ? '…' : ''}`;
  };
  return { a: cut(a), b: cut(b) };
}

function parsedIfJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  // Only objects and arrays: a tool output "42" and the number 42 are kept apart.
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return value;
  try {
    return JSON.parse(trimmed);
  } catch {
    return value;
  }
}

function sorted(value: unknown): unknown {
  if (typeof value === 'string') {
    const parsed = parsedIfJson(value);
    return parsed === value ? value : sorted(parsed);
  }
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([x], [y]) =>
    x < y ? -1 : x > y ? 1 : 0,
  );
  return Object.fromEntries(entries.map(([k, v]) => [k, sorted(v)]));
}
