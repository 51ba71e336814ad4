/**
 * `outsideRange` on a line's bytes, before it is decoded to a string. A day-long bundle read for a
 * few hours skips most of its lines; decoding each of them to UTF-16 only to look at its
 * timestamp was most of the read's time (string decoding, splitting, and the garbage both leave).
 *
 * Exactness: the answer is always the one `outsideRange` gives on the decoded line. The common
 * forms (an ISO 8601 UTC time as `toISOString` writes it, quoted or as a bare CSV column; epoch
 * milliseconds) are judged on the bytes; any other form decodes the line and asks `outsideRange`.
 */
import type { TimeRange } from '../core/index.js';
import { outsideRange } from './time-filter.js';

/** Says whether the line in `buf[start, end)` (no newline) is outside the range. */
export type ByteLineFilter = (buf: Buffer, start: number, end: number) => boolean;

const QUOTE = 0x22;
const SPACE = 0x20;
const COMMA = 0x2c;
const CLOSE_BRACE = 0x7d;
const ZERO = 0x30;
const NINE = 0x39;
/** Digits of epoch milliseconds that a double still holds exactly (Number.MAX_SAFE_INTEGER has 16). */
const MAX_EXACT_DIGITS = 15;

/**
 * The byte form of `outsideRange(key, range)`: `key` is the JSON key with its quotes and colon
 * (`"ts":`), or undefined for the first CSV column.
 */
export function outsideRangeBytes(key: string | undefined, range: TimeRange): ByteLineFilter {
  const onText = outsideRange(key, range);
  const slow = (buf: Buffer, start: number, end: number) => onText(buf.toString('utf8', start, end));
  const keyBytes = key === undefined ? undefined : Buffer.from(key, 'utf8');
  const iso = (t: number) => (Number.isFinite(t) ? new Date(t).toISOString() : undefined);
  const startIso = iso(range.start);
  const endIso = iso(range.end);
  // The text fast path compares bytes with both bounds; an infinite bound has no ISO form.
  const startBytes = startIso === undefined ? undefined : Buffer.from(startIso, 'latin1');
  const endBytes = endIso === undefined ? undefined : Buffer.from(endIso, 'latin1');
  return (buf, start, end) => {
    let from = start;
    if (keyBytes !== undefined) {
      const at = buf.indexOf(keyBytes, start);
      // Not in this line: the text form keeps the line, and so does this.
      if (at < 0 || at + keyBytes.length > end) return false;
      from = at + keyBytes.length;
      while (from < end && buf[from] === SPACE) from++;
    }
    if (buf[from] === QUOTE) {
      const close = from + 25;
      if (startBytes && endBytes && close < end && buf[close] === QUOTE && isIsoUtc(buf, from + 1)) {
        return (
          // buf.compare(bound) is the sign of (line's text − bound).
          buf.compare(startBytes, 0, 24, from + 1, close) < 0 ||
          buf.compare(endBytes, 0, 24, from + 1, close) >= 0
        );
      }
      return slow(buf, start, end);
    }
    // Unquoted (a CSV column): `outsideRange` reads up to the next comma or brace.
    const after = from + 24;
    if (startBytes && endBytes && after <= end && isIsoUtc(buf, from)) {
      const next = after === end ? COMMA : buf[after];
      if (next === COMMA || next === CLOSE_BRACE) {
        return (
          buf.compare(startBytes, 0, 24, from, after) < 0 || buf.compare(endBytes, 0, 24, from, after) >= 0
        );
      }
    }
    let stop = from;
    let ms = 0;
    while (stop < end) {
      const c = buf[stop] as number;
      if (c < ZERO || c > NINE) break;
      ms = ms * 10 + (c - ZERO);
      stop++;
    }
    const digits = stop - from;
    const delimited = stop === end || buf[stop] === COMMA || buf[stop] === CLOSE_BRACE;
    if (digits > 0 && digits <= MAX_EXACT_DIGITS && delimited) return ms < range.start || ms >= range.end;
    return slow(buf, start, end);
  };
}

/**
 * 24 ASCII characters without a quote, `T` at 10 and `Z` at 23: the shape `outsideRange` compares as
 * text (`YYYY-MM-DDTHH:MM:SS.mmmZ`).
 */
function isIsoUtc(buf: Buffer, at: number): boolean {
  if (buf[at + 10] !== 0x54 || buf[at + 23] !== 0x5a) return false;
  for (let i = at; i < at + 24; i++) {
    const c = buf[i] as number;
    if (c >= 0x80 || c === QUOTE) return false;
  }
  return true;
}
