/**
 * When a piece of a log word is a parameter. A word is split at delimiters (char-class.ts) into atoms
 * such as `uid`, `0`, `node-246`, `blk_-1608`; an atom with a digit is split at `.`, `-`, `_` and `/`
 * into parts (`node`, `246`). The rules look at the shape of the text only, so one set serves every
 * log format; values they miss are still found by the miner when they vary. They read the message as
 * the scanner's codes (below 256, any character past ASCII as a letter, a 0 after the last one).
 */
import { CHAR_FLAGS, DIGIT, HEX, JOINER, LETTER, PART_SEPARATOR, SPACE } from './char-class.js';

/** Atom kinds the scanner reports. */
export const CONSTANT = 0;
/** The whole atom is a parameter: printed as `<*>`. */
export const VARIABLE = 1;
/** Some parts of a two-part name are parameters: `node-246` prints as `node-<*>`. */
export const PARTIAL = 2;
/** A run of delimiters (or the dots that end a sentence after a value), printed as written. */
export const PUNCTUATION = 3;

/** The wildcard printed for a parameter. */
export const WILDCARD = '<*>';

/**
 * Hex strings at least this long (with a digit) are ids: a git short hash has 7 characters, while
 * letters-and-digit words such as `ee0` or `cafe1` are shorter and stay constant.
 */
export const MIN_HEX_ID_LENGTH = 7;

/**
 * Letter/digit alternations at which a part reads as a random id (`x2x9z`, `a1b2c3`). Two alternations
 * are common in names (`e2fsck`, `log4j`, `k8s`), three are not.
 */
export const MIN_ID_ALTERNATIONS = 3;

/**
 * The kind of an atom that holds a digit, in order: a number (a leading digit or sign: integers,
 * decimals, IPs, dates, times, sizes, durations, hex with `0x`); an identifier joined by `_` or `/`
 * with a varying part (`rdd_42_20`, `blk_-1608`, `HTTP/1.1`, but not `jk2_init`); a name of three or
 * more parts with a varying one (a UUID, `ip-10-0-0-1`, `cp-12.vm1.example.org`); a name and a number
 * (`node-246`, `core.2275`), where only the number is masked. Names that merely end in a digit
 * (`ssh2`, `alt0`, `SOCKS5`, `v2`) stay constant.
 */
export function classifyDigitAtom(codes: Uint8Array, from: number, to: number): number {
  if (startsWithNumber(codes, from, to)) return VARIABLE;
  let parts = 0;
  let variableParts = 0;
  let joined = false;
  let start = from;
  for (let i = from; i <= to; i++) {
    const flags = i < to ? (CHAR_FLAGS[codes[i] as number] as number) : PART_SEPARATOR;
    if ((flags & (PART_SEPARATOR | JOINER)) === 0) continue;
    if (flags & JOINER) joined = true;
    if (i > start) {
      parts++;
      if (partVaries(codes, start, i)) variableParts++;
    }
    start = i + 1;
  }
  if (variableParts === 0) return CONSTANT;
  return joined || parts > 2 || variableParts === parts ? VARIABLE : PARTIAL;
}

/** Calls `visit` for each part of a partial atom (between `.` and `-`), saying whether it varies. */
export function forEachPart(
  codes: Uint8Array,
  from: number,
  to: number,
  visit: (start: number, end: number, variable: boolean) => void,
): void {
  let start = from;
  for (let i = from; i <= to; i++) {
    if (i < to && ((CHAR_FLAGS[codes[i] as number] as number) & PART_SEPARATOR) === 0) continue;
    visit(start, i, start < i && partVaries(codes, start, i));
    start = i + 1;
  }
}

/**
 * Whether a part is a parameter: it holds a digit and starts with one (`246`, `0x1f`), or is a long
 * hex string, or alternates letters and digits like a random id.
 */
function partVaries(codes: Uint8Array, from: number, to: number): boolean {
  let digits = 0;
  let hexOnly = true;
  let alternations = 0;
  let previous = 0;
  for (let i = from; i < to; i++) {
    const flags = CHAR_FLAGS[codes[i] as number] as number;
    if ((flags & HEX) === 0) hexOnly = false;
    const kind = flags & (DIGIT | LETTER);
    if (kind === 0) continue;
    if (kind === DIGIT) digits++;
    if (previous !== 0 && kind !== previous) alternations++;
    previous = kind;
  }
  if (digits === 0) return false;
  const firstIsDigit = ((CHAR_FLAGS[codes[from] as number] as number) & DIGIT) !== 0;
  return firstIsDigit || (hexOnly && to - from >= MIN_HEX_ID_LENGTH) || alternations >= MIN_ID_ALTERNATIONS;
}

/** A digit first, or a sign or dot and then a digit: `42`, `-3`, `.5`, `0x1f`, `10.0.0.1`. */
function startsWithNumber(codes: Uint8Array, from: number, to: number): boolean {
  const c = codes[from] as number;
  if (c >= 48 && c <= 57) return true;
  if ((c === 45 || c === 43 || c === 46) && from + 1 < to) {
    const d = codes[from + 1] as number;
    return d >= 48 && d <= 57;
  }
  return false;
}

/** Three-letter month and weekday names, as timestamps print them (`Sun Jul 10 03:55:20 2005`). */
const DATE_NAMES = new Set(
  'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec Mon Tue Wed Thu Fri Sat Sun'
    .split(' ')
    .map((name) => name.charCodeAt(0) * 0x10000 + name.charCodeAt(1) * 0x100 + name.charCodeAt(2)),
);

/** Whether the three letters at `from` name a month or a weekday: a timestamp's words are parameters. */
export function isDateName(codes: Uint8Array, from: number): boolean {
  const c = codes[from] as number;
  if (c < 65 || c > 90) return false;
  return DATE_NAMES.has(c * 0x10000 + (codes[from + 1] as number) * 0x100 + (codes[from + 2] as number));
}

/** Whether `at` ends a sentence: the end of the message, or whitespace and then a capital letter. */
export function endsSentence(codes: Uint8Array, n: number, at: number): boolean {
  let i = at;
  while (i < n && CHAR_FLAGS[codes[i] as number] === SPACE) i++;
  if (i === n) return true;
  const c = codes[i] as number;
  return i > at && c >= 65 && c <= 90;
}

/** Characters that end a path or URL besides whitespace. */
const PATH_STOP: Uint8Array = (() => {
  const stop = new Uint8Array(128);
  for (const ch of '"\'<>()[]{},;|') stop[ch.charCodeAt(0)] = 1;
  return stop;
})();

/** Whether a `/` followed by `next` starts a path (rather than standing alone, as in `a / b`). */
export function startsPath(next: number): boolean {
  return !(CHAR_FLAGS[next] === SPACE || PATH_STOP[next] === 1 || next === 58 || Number.isNaN(next));
}

/** `scheme://` where the scheme is letters only: the start of a URL. */
export function isUrlScheme(codes: Uint8Array, from: number, colon: number): boolean {
  if (colon === from || (codes[colon + 1] as number) !== 47 || (codes[colon + 2] as number) !== 47)
    return false;
  for (let i = from; i < colon; i++) {
    if (((CHAR_FLAGS[codes[i] as number] as number) & LETTER) === 0) return false;
  }
  return true;
}

/**
 * The end of a path or URL that starts before `from`: it runs to whitespace or a closing bracket,
 * quote, comma or semicolon, and keeps `=`, `?`, `&`, `#` and `@` (query strings, fragments, user
 * info). A `:` stays inside only before a digit (`/10.0.0.1:8080`), so `/path: message` keeps its colon.
 */
export function pathEnd(codes: Uint8Array, n: number, from: number): number {
  let i = from;
  while (i < n) {
    const c = codes[i] as number;
    if (c < 128) {
      if (CHAR_FLAGS[c] === SPACE || PATH_STOP[c] === 1) break;
      if (c === 58) {
        const d = codes[i + 1] as number;
        if (!(d >= 48 && d <= 57)) break;
      }
    }
    i++;
  }
  return i;
}

const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

/** Punctuation an identifier holds between its letters and digits: `job-7f:9b_01`, `rq/4X.17`, `A#7`. */
const ID_PUNCTUATION: Uint8Array = (() => {
  const table = new Uint8Array(128);
  for (const ch of '-_.:#/@+~') table[ch.charCodeAt(0)] = 1;
  return table;
})();

/**
 * Where a bracketed identifier that starts at `from` ends: the offset of its `]`, or -1. An identifier
 * here is what a program prints as a request, job or thread tag: no whitespace, only letters, digits
 * and identifier punctuation, and at least one of each, such as `job-7f3a:9b2c_01`, `T-a1` or
 * `c.e.Svc#x7`. A word of one kind (`main`, `1`, `myid=1`) is left to the other rules, and so is
 * anything with commas, quotes, parentheses or `=`: a list, a call or a key, not one value (the
 * scanner asks again after the `=` of `[req=Kx-bc:q7]`, so the key stays in the template).
 */
export function bracketedIdEnd(codes: Uint8Array, n: number, from: number): number {
  let letter = false;
  let digit = false;
  let punctuation = false;
  for (let i = from; i < n; i++) {
    const c = codes[i] as number;
    if (c === CLOSE_BRACKET) return letter && digit && punctuation ? i : -1;
    const flags = CHAR_FLAGS[c] as number;
    if (flags & LETTER) letter = true;
    else if (flags & DIGIT) digit = true;
    else if (c < 128 && ID_PUNCTUATION[c] === 1) {
      if (i > from) punctuation = true;
    } else return -1;
  }
  return -1;
}

/**
 * Whether `at` lies inside a `[` opened earlier in the same word (`worker[pid=` before the value), so
 * that a value after `=` there is a bracketed identifier's.
 */
export function insideBracket(codes: Uint8Array, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const c = codes[i] as number;
    if (c === OPEN_BRACKET) return true;
    if (c === CLOSE_BRACKET || CHAR_FLAGS[c] === SPACE) return false;
  }
  return false;
}
