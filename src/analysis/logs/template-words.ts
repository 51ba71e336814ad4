/**
 * Comparing and generalising templates word by word. A template is a list of masked words
 * (masked-words.ts); a word of a template may be a wildcard as a whole (`<*>`) or in some of its
 * pieces (`user=<*>`, `node-<*>`).
 */
import { WILDCARD } from './atom-rules.js';
import type { MaskedWord } from './masked-words.js';

/** The word that stands for a whole parameter. */
export const WILDCARD_WORD: MaskedWord = { text: WILDCARD, pieces: [WILDCARD], punctuation: [false] };

/** Similarity of a message to a template of the same length, as Drain scores it. */
export interface Similarity {
  /** Share of positions where the message matches the template's text or pattern. */
  score: number;
  /** Positions where the template is a whole wildcard: Drain's tie-break towards general templates. */
  wildcards: number;
}

/**
 * Drain's sequence similarity (He et al., ICWS 2017, section III-C step 4) on masked words: a
 * position counts when the words are equal, or when the template word is a pattern (`user=<*>`) the
 * message word fits. A whole-word wildcard does not count, as in Drain, so a template made general by
 * accident does not attract everything of its length.
 */
export function similarity(template: readonly MaskedWord[], words: readonly MaskedWord[]): Similarity {
  let same = 0;
  let wildcards = 0;
  for (let i = 0; i < template.length; i++) {
    const t = template[i] as MaskedWord;
    const w = words[i] as MaskedWord;
    if (t.text === w.text) same++;
    else if (t.text === WILDCARD) wildcards++;
    else if (fitsPattern(t, w)) same++;
  }
  return { score: template.length === 0 ? 1 : same / template.length, wildcards };
}

/** Whether `word` is an instance of `pattern`: the same shape, with the pattern's constants in place. */
export function fitsPattern(pattern: MaskedWord, word: MaskedWord): boolean {
  if (pattern.text === WILDCARD || pattern.text === word.text) return true;
  const n = pattern.pieces.length;
  if (n !== word.pieces.length || !pattern.text.includes(WILDCARD)) return false;
  for (let i = 0; i < n; i++) {
    const p = pattern.pieces[i] as string;
    if (p !== word.pieces[i] && (p !== WILDCARD || pattern.punctuation[i] || word.punctuation[i]))
      return false;
  }
  return true;
}

/** Whether every word of `general` fits its counterpart in `specific` (same length assumed). */
export function covers(general: readonly MaskedWord[], specific: readonly MaskedWord[]): boolean {
  for (let i = 0; i < general.length; i++) {
    if (!fitsPattern(general[i] as MaskedWord, specific[i] as MaskedWord)) return false;
  }
  return true;
}

/**
 * The most specific word both words fit: itself when equal; the same punctuation with differing atoms
 * made wildcards (`user=root`, `user=guest` → `user=<*>`; `(10.0.0.1)`, `()` → `(<*>)`, an empty
 * value being a value too); else a whole wildcard.
 */
export function generaliseWord(a: MaskedWord, b: MaskedWord): MaskedWord {
  if (a.text === b.text || a.text === WILDCARD) return a;
  if (b.text === WILDCARD) return b;
  const slotsA = slotsOf(a);
  const slotsB = slotsOf(b);
  if (slotsA.delimiters.length === 0 || slotsA.delimiters.join('') !== slotsB.delimiters.join('')) {
    return WILDCARD_WORD;
  }
  const pieces: string[] = [];
  const punctuation: boolean[] = [];
  slotsA.atoms.forEach((atom, k) => {
    const merged = atom === slotsB.atoms[k] ? atom : WILDCARD;
    if (merged !== '') {
      pieces.push(merged);
      punctuation.push(false);
    }
    const delimiter = slotsA.delimiters[k];
    if (delimiter === undefined) return;
    if (punctuation[punctuation.length - 1]) pieces[pieces.length - 1] += delimiter;
    else {
      pieces.push(delimiter);
      punctuation.push(true);
    }
  });
  const text = pieces.join('');
  return text === a.text ? a : { text, pieces, punctuation };
}

/** A word as the atoms between its punctuation: `(<*>)` is `['', '<*>', '']` around `(` and `)`. */
function slotsOf(word: MaskedWord): { atoms: string[]; delimiters: string[] } {
  const atoms = [''];
  const delimiters: string[] = [];
  word.pieces.forEach((piece, i) => {
    if (!word.punctuation[i]) {
      atoms[atoms.length - 1] += piece;
      return;
    }
    for (const ch of piece) {
      delimiters.push(ch);
      atoms.push('');
    }
  });
  return { atoms, delimiters };
}

/** Generalises a template with a message (or another template) of the same length, in place. */
export function generaliseInto(template: MaskedWord[], words: readonly MaskedWord[]): boolean {
  let changed = false;
  for (let i = 0; i < template.length; i++) {
    const t = template[i] as MaskedWord;
    const g = generaliseWord(t, words[i] as MaskedWord);
    if (g !== t) {
      template[i] = g;
      changed = true;
    }
  }
  return changed;
}

/** The template as text: words joined by single spaces. */
export function templateText(words: readonly MaskedWord[]): string {
  let text = '';
  for (let i = 0; i < words.length; i++) text += i === 0 ? words[i]?.text : ` ${words[i]?.text}`;
  return text;
}
