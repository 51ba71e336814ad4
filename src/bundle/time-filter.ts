/**
 * A line's time against the read range, looked at before the line is parsed: what lets a reader
 * skip most of a day-long file when an investigation wants its last hours.
 */
import type { TimeRange } from '../core/index.js';

/**
 * A cheap test of a line's time against a range, before any parsing: the value after `key` in a
 * JSON line (or the first CSV column when `key` is undefined), as epoch milliseconds or an RFC 3339
 * string. When the time cannot be read this way the line is kept, and the decoder judges it.
 */
export function outsideRange(key: string | undefined, range: TimeRange): (line: string) => boolean {
  const iso = (t: number) => (Number.isFinite(t) ? new Date(t).toISOString() : t < 0 ? '' : '\uffff');
  const startIso = iso(range.start);
  const endIso = iso(range.end);
  return (line) => {
    let from = 0;
    if (key !== undefined) {
      const at = line.indexOf(key);
      if (at < 0) return false;
      from = at + key.length;
      while (line.charCodeAt(from) === 0x20) from++;
    }
    let text: string;
    if (line.charCodeAt(from) === 0x22) {
      const close = line.indexOf('"', from + 1);
      if (close < 0) return false;
      text = line.slice(from + 1, close);
    } else {
      let end = from;
      while (end < line.length && line[end] !== ',' && line[end] !== '}') end++;
      text = line.slice(from, end).trim();
      if (text.startsWith('"') && text.endsWith('"')) text = text.slice(1, -1);
    }
    // The common form (UTC, milliseconds, as toISOString writes it) compares as text.
    if (text.length === 24 && text.charCodeAt(23) === 0x5a && text.charCodeAt(10) === 0x54) {
      return text < startIso || text >= endIso;
    }
    const t = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
    if (!Number.isFinite(t)) return false;
    return t < range.start || t >= range.end;
  };
}
