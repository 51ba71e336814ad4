/**
 * Log evidence per service: a pattern that rose on a service is its own evidence, unless its lines
 * name another service ("call to payments failed …"), when it points at that one, or at the wire
 * to it, or (see common-end.ts) back at the caller when its connections fail on both sides.
 */
import { squash } from './combine.js';
import { commonEnds, NETWORK_TEXT, WIRE_TEXT } from './common-end.js';
import type { LogShift, RcaInput } from './evidence.js';
import type { ServiceSignals } from './signals.js';

/** A log pattern rise with p ≈ 1e-6 reads as half-sure. */
const LOG_HALF = 6;
const ERRORISH = new Set(['error', 'fatal', 'warn']);
/** A pattern points at a service when at least this share of its lines name it. */
const MENTION_SHARE = 0.3;

export function addLogs(input: RcaInput, get: (service: string) => ServiceSignals): void {
  const names = [...input.services].sort((a, b) => b.length - a.length);
  // A caller's lines point at a dependency in proportion to how much of its trouble they are: a
  // few failed calls beside thousands of its own exceptions say little about the dependency.
  const errorLines = new Map<string, number>();
  for (const shift of input.logs) {
    if (ERRORISH.has(shift.level))
      errorLines.set(shift.service, (errorLines.get(shift.service) ?? 0) + shift.incidentCount);
  }
  const pointers = input.logs
    .filter((shift) => ERRORISH.has(shift.level))
    .map((shift) => ({ shift, named: namedBy(shift, names) }));
  const isCommonEnd = commonEnds(pointers.filter((p) => p.named.length > 0));
  for (const { shift, named: all } of pointers) {
    const strength = squash(shift.significance, LOG_HALF) * riseWeight(shift);
    const share = shift.incidentCount / Math.max(1, errorLines.get(shift.service) ?? 0);
    const own = get(shift.service);
    // Network failures on both sides of a service are the service's (see common-end.ts).
    const named = all.filter((to) => !(NETWORK_TEXT.test(shift.template) && isCommonEnd(shift.service, to)));
    if (named.length < all.length) {
      own.pointed = 1 - (1 - own.pointed) * (1 - strength * Math.min(1, 2 * share) * 0.6);
      own.pointers.push(shift);
      own.items.push({
        kind: 'log_pointer',
        summary: `${shift.service}'s calls fail on the wire as its callers' calls to it do (${shift.baselineCount} → ${shift.incidentCount}): ${shift.template}`,
        strength,
      });
      if (named.length === 0) continue;
    }
    if (named.length === 0) {
      own.logShifts.push(shift);
      own.logs = 1 - (1 - own.logs) * (1 - strength * 0.6);
      own.items.push({
        kind: 'log',
        summary: `${shift.kind} ${shift.level} pattern on ${shift.service} (${shift.baselineCount} → ${shift.incidentCount}): ${shift.template}`,
        strength,
      });
      continue;
    }
    for (const target of named) {
      const t = get(target);
      t.pointers.push(shift);
      const pointing = strength * Math.min(1, 2 * share);
      t.pointed = 1 - (1 - t.pointed) * (1 - pointing * 0.6);
      if (WIRE_TEXT.test(shift.template))
        t.wireFrom.set(shift.service, Math.max(t.wireFrom.get(shift.service) ?? 0, pointing));
      t.items.push({
        kind: 'log_pointer',
        summary: `${shift.service} logs failures naming ${target} (${shift.baselineCount} → ${shift.incidentCount}): ${shift.template}`,
        strength: pointing,
      });
    }
    // The caller still failed: a weaker signal on it.
    own.logs = 1 - (1 - own.logs) * (1 - strength * 0.15);
  }
}

/** A pattern the baseline had, at three times its rate, reads as half-sure. */
const RISE_HALF = 2;

/**
 * How much a pattern's rise says, beside how significant it is: a pattern that appeared says all
 * it can; one the baseline already had says more the more it multiplied. Busy services' background
 * errors double significantly and mean little; a fault multiplies them tenfold or brings new ones.
 */
function riseWeight(shift: LogShift): number {
  if (shift.kind === 'new' || shift.rateRatio === undefined) return 1;
  return squash(shift.rateRatio - 1, RISE_HALF);
}

/** The other services a pattern's lines name: by the share of its lines, or in its template. */
function namedBy(shift: LogShift, namesLongestFirst: readonly string[]): string[] {
  const named = shift.mentions
    ? Object.entries(shift.mentions)
        .filter(([, share]) => share >= MENTION_SHARE)
        .map(([name]) => name)
    : mentionedServices(shift.template, namesLongestFirst);
  return named.filter((n) => n !== shift.service);
}

/** Service names that appear as whole words in a log template. */
export function mentionedServices(text: string, namesLongestFirst: readonly string[]): string[] {
  const found: string[] = [];
  let rest = text;
  for (const name of namesLongestFirst) {
    const at = findWord(rest, name);
    if (at < 0) continue;
    found.push(name);
    rest = `${rest.slice(0, at)}${' '.repeat(name.length)}${rest.slice(at + name.length)}`;
  }
  return found;
}

function findWord(text: string, word: string): number {
  let from = 0;
  for (;;) {
    const at = text.indexOf(word, from);
    if (at < 0) return -1;
    const before = at === 0 ? ' ' : (text[at - 1] as string);
    const after = at + word.length >= text.length ? ' ' : (text[at + word.length] as string);
    if (!/[A-Za-z0-9_-]/.test(before) && !/[A-Za-z0-9_-]/.test(after)) return at;
    from = at + 1;
  }
}
