/**
 * Turns a scan into strings: the masked words the parse tree compares, and the atoms for tests and
 * callers that want to see how a message was split. Only messages whose masked form is new reach
 * here, so allocating is fine.
 */

import { forEachPart, PARTIAL, PUNCTUATION, VARIABLE, WILDCARD } from './atom-rules.js';
import { MessageScanner } from './scanner.js';

/**
 * One whitespace-separated word after masking, e.g. `(uid=<*>)`: its text, and its pieces with
 * punctuation apart (`(`, `uid`, `=`, `<*>`, `)`) so that two words of the same shape can be
 * generalised piece by piece (`user=root` and `user=guest` give `user=<*>`).
 */
export interface MaskedWord {
  text: string;
  pieces: string[];
  /** Whether each piece is punctuation (kept as written, never generalised). */
  punctuation: boolean[];
}

/** The kind of an atom, by name, for callers outside the scanner. */
export type AtomKind = 'constant' | 'variable' | 'partial' | 'punctuation';

/** One atom of a message: its original text, its masked text and its kind. */
export interface Atom {
  text: string;
  masked: string;
  kind: AtomKind;
  /** Index of the whitespace-separated word it belongs to. */
  word: number;
}

const KIND_NAMES: readonly AtomKind[] = ['constant', 'variable', 'partial', 'punctuation'];

/** The masked words of the message the scanner scanned last. */
export function maskedWords(scanner: MessageScanner, message: string): MaskedWord[] {
  const words: MaskedWord[] = [];
  let current: MaskedWord | undefined;
  let currentWord = -1;
  for (let k = 0; k < scanner.atomCount; k++) {
    const w = scanner.atomWord[k]!;
    if (w !== currentWord || current === undefined) {
      current = { text: '', pieces: [], punctuation: [] };
      words.push(current);
      currentWord = w;
    }
    const piece = maskedAtom(scanner, message, k);
    current.text += piece;
    current.pieces.push(piece);
    current.punctuation.push(scanner.atomKind[k] === PUNCTUATION);
  }
  return words;
}

function maskedAtom(scanner: MessageScanner, message: string, k: number): string {
  const start = scanner.atomStart[k]!;
  const end = scanner.atomEnd[k]!;
  const kind = scanner.atomKind[k];
  if (kind === VARIABLE) return WILDCARD;
  if (kind !== PARTIAL) return message.slice(start, end);
  let text = '';
  forEachPart(scanner.codes, start, end, (from, to, variable) => {
    text += variable ? WILDCARD : message.slice(from, to);
    if (to < end) text += message[to];
  });
  return text;
}

/** Splits a message into atoms as the miner sees it (for tests and for explaining a template). */
export function tokenize(message: string): Atom[] {
  const scanner = new MessageScanner();
  scanner.scan(message);
  const atoms: Atom[] = [];
  for (let k = 0; k < scanner.atomCount; k++) {
    atoms.push({
      text: message.slice(scanner.atomStart[k], scanner.atomEnd[k]),
      masked: maskedAtom(scanner, message, k),
      kind: KIND_NAMES[scanner.atomKind[k]!] as AtomKind,
      word: scanner.atomWord[k]!,
    });
  }
  return atoms;
}

/** A message with its parameters masked as `<*>` and whitespace runs made single spaces. */
export function maskMessage(message: string): string {
  const scanner = new MessageScanner();
  scanner.scan(message);
  return maskedWords(scanner, message)
    .map((w) => w.text)
    .join(' ');
}
