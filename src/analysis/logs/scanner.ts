/**
 * One pass over a log message that splits it into words and atoms, decides which atoms are
 * parameters (atom-rules.ts) and hashes the masked message. Two messages with the same masked form
 * get the same key, so the miner can skip the parse tree for every message whose masked form it has
 * seen. No regular expression and no string per message: atoms go into reused typed arrays and
 * become strings only when the miner meets a new masked form (masked-words.ts).
 *
 * The message is first copied into a byte buffer by `TextEncoder.encodeInto`, which reads any string
 * representation at native speed; the rules then read bytes, not `charCodeAt` on a string that may be
 * a rope of concatenations. A message with characters past ASCII is copied one code at a time
 * instead, each such character as 0x80 (a letter), so offsets stay string offsets.
 *
 * A bracketed identifier (atom-rules.ts, bracketedIdEnd) is one parameter whatever its punctuation:
 * `[job-7f3a:9b2c_01]` would otherwise be cut at `:` into atoms the other rules judge one by one, and
 * a part without a digit (`bc` in `Kx-bc:q7`) would stay a constant the tree routes on. The brackets
 * and a key before `=` stay in the template (`[<*>]`, `worker[pid=<*>]`), as for any other value.
 */
import {
  bracketedIdEnd,
  CONSTANT,
  classifyDigitAtom,
  endsSentence,
  forEachPart,
  insideBracket,
  isDateName,
  isUrlScheme,
  PARTIAL,
  PUNCTUATION,
  pathEnd,
  startsPath,
  VARIABLE,
} from './atom-rules.js';
import { ATOM_END, CHAR_FLAGS, DELIMITER, DIGIT, HEX, LETTER, SPACE } from './char-class.js';

const COLON = 58;
const DOT = 46;
const SLASH = 47;
const EQUALS = 61;
const OPEN_BRACKET = 91;
/** Hash lane seeds and multipliers: FNV-1a for one lane, MurmurHash2's multiplier for the other. */
const SEED_A = 0x811c9dc5 | 0;
const SEED_B = 0x1b873593;
const PRIME_A = 0x01000193;
const PRIME_B = 0x5bd1e995;

const encoder = new TextEncoder();

export class MessageScanner {
  /** The last message as codes below 256, then a 0. */
  codes = new Uint8Array(1024);
  /** Atoms of the last message scanned: start and end offsets, kind, and the word each belongs to. */
  atomStart = new Int32Array(64);
  atomEnd = new Int32Array(64);
  atomKind = new Uint8Array(64);
  atomWord = new Int32Array(64);
  atomCount = 0;
  wordCount = 0;
  /**
   * The key of the last message's masked form: two 32-bit lanes. Two distinct masked forms share it
   * only if both lanes collide: about 2⁻⁶⁴ for a pair that differs in the kinds, lengths or sampled
   * characters of its atoms, and 2⁻³² for a pair whose constant atoms differ only elsewhere (the
   * FNV-1a lane alone tells those apart). A risk taken for a key that allocates nothing.
   */
  keyA = 0;
  keyB = 0;
  private message = '';
  private ascii = true;
  /** The key's two lanes before each atom was folded in, to fold an atom again after a merge. */
  private foldedA = new Int32Array(64);
  private foldedB = new Int32Array(64);
  private runA = 0;
  private runB = 0;

  /** Scans one message: fills the codes, the atoms and the key. */
  scan(message: string): void {
    const n = message.length;
    this.load(message);
    this.atomCount = 0;
    this.wordCount = 0;
    this.runA = 0x9e3779b9 | 0;
    this.runB = 0x7f4a7c15;
    const codes = this.codes;
    let i = 0;
    let inWord = false;
    while (i < n) {
      const flags = CHAR_FLAGS[codes[i] as number] as number;
      if (flags & SPACE) {
        if (inWord) this.wordCount++;
        inWord = false;
        i++;
        continue;
      }
      inWord = true;
      i = flags & DELIMITER ? this.scanDelimiters(i, n) : this.scanAtom(i, n);
    }
    if (inWord) this.wordCount++;
    this.keyA = Math.imul(this.runA ^ this.atomCount, 0x85ebca6b);
    this.keyB = Math.imul(this.runB ^ this.wordCount, 0xc2b2ae35);
  }

  private load(message: string): void {
    const n = message.length;
    if (this.codes.length < 3 * n + 1) this.codes = new Uint8Array(4 * n + 1);
    const codes = this.codes;
    this.message = message;
    this.ascii = encoder.encodeInto(message, codes).written === n;
    if (!this.ascii) {
      for (let i = 0; i < n; i++) {
        const c = message.charCodeAt(i);
        codes[i] = c < 128 ? c : 0x80;
      }
    }
    codes[n] = 0;
  }

  private scanDelimiters(from: number, n: number): number {
    const codes = this.codes;
    let a = SEED_A;
    let b = SEED_B;
    let i = from;
    for (; i < n; i++) {
      const c = codes[i] as number;
      if (CHAR_FLAGS[c] !== DELIMITER) break;
      a = Math.imul(a ^ c, PRIME_A);
      b = Math.imul((b + c) | 0, PRIME_B);
    }
    this.push(from, i, PUNCTUATION, a, b);
    const last = codes[i - 1];
    if (last === OPEN_BRACKET || (last === EQUALS && insideBracket(codes, i - 1))) {
      const close = bracketedIdEnd(codes, n, i);
      if (close >= 0) {
        this.push(i, close, VARIABLE, 0, 0);
        return close;
      }
    }
    return i;
  }

  /** Scans one atom from `from`, whose first character is neither whitespace nor a delimiter. */
  private scanAtom(from: number, n: number): number {
    const codes = this.codes;
    if (codes[from] === SLASH && from + 1 < n && startsPath(codes[from + 1] as number)) {
      return this.pushValue(from, pathEnd(codes, n, from + 1), VARIABLE);
    }
    let seen = 0;
    let i = from;
    for (; i < n; i++) {
      const flags = CHAR_FLAGS[codes[i] as number] as number;
      if (flags & ATOM_END) break;
      seen |= flags;
    }
    if (codes[i] === COLON && (seen & ~(LETTER | HEX)) === 0 && i < n && isUrlScheme(codes, from, i)) {
      return this.pushValue(from, pathEnd(codes, n, i + 3), VARIABLE);
    }
    const kind = seen & DIGIT ? classifyDigitAtom(codes, from, i) : CONSTANT;
    if (kind !== CONSTANT || (i - from === 3 && isDateName(codes, from))) {
      return this.pushValue(from, i, kind === CONSTANT ? VARIABLE : kind);
    }
    this.push(from, i, CONSTANT, this.textHash(from, i), this.sampleHash(from, i));
    return i;
  }

  /**
   * Pushes a parameter atom, leaving out dots that end a sentence (`port 62270. Already tried`), and
   * merges `value:value` or `host.name:value` into one parameter (`10.0.0.1:8080`, `12:30:01`,
   * `proxy.example.com:5070`) so that an address or a time is one `<*>`.
   */
  private pushValue(from: number, to: number, kind: number): number {
    const codes = this.codes;
    let end = to;
    if (codes[to - 1] === DOT && endsSentence(codes, this.message.length, to)) {
      while (end - 1 > from && codes[end - 1] === DOT) end--;
    }
    if (kind === VARIABLE && this.joinsByColon()) {
      const merged = this.atomCount - 2;
      this.atomCount = merged + 1;
      this.atomKind[merged] = VARIABLE;
      this.atomEnd[merged] = end;
      this.runA = this.foldedA[merged] as number;
      this.runB = this.foldedB[merged] as number;
      this.foldIn(merged, VARIABLE, 0, 0);
    } else if (kind === PARTIAL) {
      this.pushPartial(from, end);
    } else {
      this.push(from, end, VARIABLE, 0, 0);
    }
    if (end < to) this.push(end, to, PUNCTUATION, 0x2e2e2e2e, 0x2e2e2e2e ^ (to - end));
    return to;
  }

  /** Whether the last two atoms of this word are a value (or a dotted host name) and a lone `:`. */
  private joinsByColon(): boolean {
    const colon = this.atomCount - 1;
    const before = colon - 1;
    if (before < 0 || this.atomWord[before] !== this.wordCount || this.atomKind[colon] !== PUNCTUATION)
      return false;
    const at = this.atomStart[colon] as number;
    if (this.atomEnd[colon] !== at + 1 || this.codes[at] !== COLON) return false;
    const kind = this.atomKind[before];
    if (kind === VARIABLE) return true;
    if (kind !== CONSTANT) return false;
    const start = this.atomStart[before] as number;
    for (let i = start + 1; i < at - 1; i++) if (this.codes[i] === DOT) return true;
    return false;
  }

  /** Pushes an atom whose parameter parts are masked, hashing its masked text. */
  private pushPartial(from: number, to: number): void {
    let a = SEED_A;
    let b = SEED_B;
    forEachPart(this.codes, from, to, (start, end, variable) => {
      const text = variable ? 0xfffe : this.textHash(start, end);
      const separator = end < to ? (this.codes[end] as number) : 0;
      a = Math.imul(a ^ ((text + separator) | 0), PRIME_A);
      b = Math.imul((b + text + separator) | 0, PRIME_B);
    });
    this.push(from, to, PARTIAL, a, b);
  }

  /**
   * FNV-1a over the text two characters at a time: half the multiplications of one per character, on
   * the chain of dependent multiplications that bounds the speed.
   */
  private textHash(from: number, to: number): number {
    let a = SEED_A;
    let i = from;
    if (this.ascii) {
      const codes = this.codes;
      for (; i + 1 < to; i += 2)
        a = Math.imul(a ^ ((codes[i] as number) | ((codes[i + 1] as number) << 8)), PRIME_A);
      if (i < to) a = Math.imul(a ^ (codes[i] as number), PRIME_A);
      return a;
    }
    for (; i < to; i++) a = Math.imul(a ^ this.message.charCodeAt(i), PRIME_A);
    return a;
  }

  /**
   * The second hash lane of a constant atom: its length and three of its characters, three loads
   * instead of a multiplication per character. Two atoms share both lanes only if they agree in
   * length and in those characters and collide in the 32-bit FNV-1a lane.
   */
  private sampleHash(from: number, to: number): number {
    const middle = (from + to) >>> 1;
    const read = this.ascii ? this.codes : undefined;
    const first = read ? (read[from] as number) : this.message.charCodeAt(from);
    const center = read ? (read[middle] as number) : this.message.charCodeAt(middle);
    const last = read ? (read[to - 1] as number) : this.message.charCodeAt(to - 1);
    return Math.imul((to - from) ^ (first << 8) ^ (center << 16) ^ (last << 24), PRIME_B);
  }

  private push(start: number, end: number, kind: number, a: number, b: number): void {
    const k = this.atomCount;
    if (k === this.atomStart.length) this.grow();
    this.atomStart[k] = start;
    this.atomEnd[k] = end;
    this.atomKind[k] = kind;
    this.atomWord[k] = this.wordCount;
    this.foldedA[k] = this.runA;
    this.foldedB[k] = this.runB;
    this.atomCount = k + 1;
    this.foldIn(k, kind, a, b);
  }

  /** Folds atom k into the key: its kind, whether it starts a word, and its text unless a parameter. */
  private foldIn(k: number, kind: number, a: number, b: number): void {
    const mark = kind + (k > 0 && this.atomWord[k - 1] !== this.atomWord[k] ? 8 : 0);
    let x = (Math.imul(this.runA ^ (kind === VARIABLE ? 0x5bd1e995 : a), 0x85ebca6b) + mark) | 0;
    x ^= x >>> 15;
    let y = Math.imul((this.runB + (kind === VARIABLE ? 0x27d4eb2f : b)) | 0, 0xc2b2ae35) ^ mark;
    y ^= y >>> 13;
    this.runA = x;
    this.runB = y;
  }

  private grow(): void {
    const size = this.atomStart.length * 2;
    const grown = <T extends Int32Array | Uint8Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    this.atomStart = grown(this.atomStart, new Int32Array(size));
    this.atomEnd = grown(this.atomEnd, new Int32Array(size));
    this.atomKind = grown(this.atomKind, new Uint8Array(size));
    this.atomWord = grown(this.atomWord, new Int32Array(size));
    this.foldedA = grown(this.foldedA, new Int32Array(size));
    this.foldedB = grown(this.foldedB, new Int32Array(size));
  }
}
