/**
 * Replacing secrets with `[REDACTED:<kind>]`, in a string or anywhere in a JSON-like value. Pure
 * and idempotent: redacting redacted text changes nothing (markers match no detector).
 *
 * Speed: one case-insensitive scan for every detector's hints rejects the great majority of log
 * lines (no `key`, `token`, `://`, `sk-`, …) before any detector runs; a line that passes runs
 * only the detectors whose hints it contains.
 */
import { isPlaceholder, isSecretName } from './keys.js';
import { DETECTORS, type MatchGroups, type RedactionKind, redactionMarker } from './patterns.js';

export interface Redacted {
  text: string;
  /** The kinds replaced, each once, in detector order; empty when the text is unchanged. */
  found: RedactionKind[];
}

const PREFILTER = new RegExp(
  [...new Set(DETECTORS.flatMap((d) => d.hints))]
    .map((h) => h.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('|'),
  'i',
);

/** `text` with every secret replaced by `[REDACTED:<kind>]`, and the kinds found. */
export function redactText(text: string): Redacted {
  if (!PREFILTER.test(text)) return { text, found: [] };
  const lower = text.toLowerCase();
  const found: RedactionKind[] = [];
  let out = text;
  for (const detector of DETECTORS) {
    if (!detector.hints.some((hint) => lower.includes(hint))) continue;
    const marker = redactionMarker(detector.kind);
    let hit = false;
    out = out.replace(detector.pattern, (match: string, ...rest: unknown[]) => {
      const groups = (typeof rest.at(-1) === 'object' ? rest.at(-1) : undefined) as MatchGroups | undefined;
      const secret = groups?.secret;
      if (secret === undefined) {
        hit = true;
        return marker;
      }
      const replacement = detector.replace ? detector.replace(secret, marker, groups ?? {}) : marker;
      if (replacement === undefined) return match;
      hit = true;
      return `${groups?.pre ?? ''}${replacement}${groups?.post ?? ''}`;
    });
    if (hit) found.push(detector.kind);
  }
  return { text: out, found };
}

/** `redactText(text).text`: for a sink that only needs the clean string (an error kept in a store). */
export function redactString(text: string): string {
  return redactText(text).text;
}

/**
 * A copy of `value` with every string redacted (keys kept). A string or long number under a
 * secret-like name (`password`, `apiKey`, `authorization`, …, see keys.ts) is replaced wholly,
 * unless it is a placeholder (empty, masked, `${VAR}`, a flag, a short count); a value that is
 * nothing but a known secret (`Bearer <jwt>`) keeps that kind. Arrays under such a name are hidden element by element;
 * objects under it are judged by their own keys. Parts that change are copied, the rest shared;
 * class instances (Date, Map, Buffer) are left as they are.
 */
export function redactDeep<T>(value: T): T {
  return walk(value, false) as T;
}

function walk(value: unknown, underSecretName: boolean): unknown {
  if (typeof value === 'string') return underSecretName ? hideValue(value) : redactString(value);
  if (typeof value === 'number') {
    return underSecretName && Number.isInteger(value) && Math.abs(value) >= 100_000
      ? redactionMarker('secret_assignment')
      : value;
  }
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((item) => {
      const next = walk(item, underSecretName);
      if (next !== item) changed = true;
      return next;
    });
    return changed ? out : value;
  }
  if (isPlainObject(value)) {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const next = walk(item, isSecretName(key));
      if (next !== item) changed = true;
      out[key] = next;
    }
    return changed ? out : value;
  }
  return value;
}

/** A string under a secret-like name: its own secrets by kind if it has any, else wholly hidden. */
function hideValue(value: string): string {
  if (isPlaceholder(value)) return value;
  const redacted = redactText(value);
  // `Bearer [REDACTED:jwt]` says more than a bare marker, but only when nothing else is left.
  const rest = redacted.text
    .replace(/\[REDACTED:[a-z_]+\]/g, '')
    .replace(/\b(?:bearer|basic|token)\b/gi, '')
    .trim();
  return redacted.found.length > 0 && rest === '' ? redacted.text : redactionMarker('secret_assignment');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
