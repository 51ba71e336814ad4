/**
 * Splits a template where a generalised word takes its values from a small closed set of its own: a
 * state, a verb, a protocol (`VM Started` / `VM Paused`, `from NEW to RUNNING`, `HTTPS` / `SOCKS5`).
 * Drain merges such messages because they differ in one word; readers, and Loghub's ground truth,
 * treat each value as its own event. A position stays a parameter when
 *
 * - its values keep coming: they are not a closed set by Good–Turing's estimate (unseen-values.ts);
 * - its values also vary in another template: then they name things (users, hosts) rather than
 *   one event's vocabulary (`root` in `user=root` and in `Failed password for root`);
 * - it is a field value (`user=<*>`), a unit after a number (`<*> KB`), or masking made it a
 *   parameter in any line.
 */
import { WILDCARD } from './atom-rules.js';
import type { MaskedWord } from './masked-words.js';
import { generaliseInto } from './template-words.js';
import { isClosedSet, MAX_UNSEEN_VALUE_SHARE } from './unseen-values.js';

/**
 * Values a position must share with a varying position of another template to count as names. Two:
 * one shared word can be chance (`test`), two are a type of thing.
 */
export const MIN_SHARED_VALUES = 2;

/** What makes a generalised position a closed set. */
export interface SplitOptions {
  /** Values shared with another template's varying position that make the values names. */
  minSharedValues: number;
  /** Good–Turing share of unseen values at or below which values are a closed set. */
  maxUnseenShare: number;
}

export const DEFAULT_SPLIT_OPTIONS: SplitOptions = {
  minSharedValues: MIN_SHARED_VALUES,
  maxUnseenShare: MAX_UNSEEN_VALUE_SHARE,
};

/** Units whose choice follows a number's magnitude (`384 B`, `16.0 KB`), not the event. */
const UNITS = new Set([
  'B',
  'KB',
  'kB',
  'MB',
  'GB',
  'TB',
  'KiB',
  'MiB',
  'GiB',
  'TiB',
  'ms',
  'us',
  'µs',
  'ns',
  's',
]);

/** One distinct masked form of a message with its line count. */
export interface FormCount {
  words: readonly MaskedWord[];
  count: number;
}

/** A template before or after splitting: its words and its forms (indices into the form list). */
export interface FormGroup {
  words: MaskedWord[];
  forms: number[];
}

/**
 * Splits each template at its closed-set positions, recursively, so that two such positions (a
 * state and a role) give their combinations. A template whose forms are not all of its length (it
 * was merged from several lengths) is left whole.
 */
export function splitClosedSets(
  groups: readonly FormGroup[],
  forms: readonly FormCount[],
  options: SplitOptions = DEFAULT_SPLIT_OPTIONS,
): FormGroup[] {
  const candidates = groups.map((g) => candidatePositions(g, forms));
  const seenIn = new Map<string, Set<number>>();
  candidates.forEach((positions, t) => {
    for (const values of positions.values()) {
      for (const value of values.keys()) {
        const templates = seenIn.get(value) ?? new Set<number>();
        templates.add(t);
        seenIn.set(value, templates);
      }
    }
  });
  const out: FormGroup[] = [];
  groups.forEach((group, t) => {
    const closed: number[] = [];
    for (const [position, values] of candidates[t] as Map<number, Map<string, number>>) {
      const word = group.words[position] as MaskedWord;
      if (isFieldValue(word) || isUnit(group.words, position, values)) continue;
      let shared = 0;
      for (const value of values.keys()) if ((seenIn.get(value)?.size ?? 0) > 1) shared++;
      if (shared < options.minSharedValues && isClosedSet(values.values(), options.maxUnseenShare))
        closed.push(position);
    }
    out.push(...splitAt(group, closed, forms));
  });
  return out;
}

/** Positions where the template generalised and no form is masked: position → value → lines. */
function candidatePositions(group: FormGroup, forms: readonly FormCount[]): Map<number, Map<string, number>> {
  const positions = new Map<number, Map<string, number>>();
  const length = group.words.length;
  if (group.forms.some((f) => forms[f]?.words.length !== length)) return positions;
  for (let i = 0; i < length; i++) {
    const word = group.words[i] as MaskedWord;
    if (!word.text.includes(WILDCARD)) continue;
    const values = new Map<string, number>();
    for (const f of group.forms) {
      const form = forms[f] as FormCount;
      const value = fillingOf(word, form.words[i] as MaskedWord);
      if (value === undefined) {
        values.clear();
        break;
      }
      values.set(value, (values.get(value) ?? 0) + form.count);
    }
    if (values.size > 1) positions.set(i, values);
  }
  return positions;
}

/** What fills the template's wildcards in a form's word; undefined when masking made it a parameter. */
function fillingOf(template: MaskedWord, word: MaskedWord): string | undefined {
  if (word.text.includes(WILDCARD)) return undefined;
  if (template.text === WILDCARD || template.pieces.length !== word.pieces.length) return word.text;
  const parts: string[] = [];
  template.pieces.forEach((p, k) => {
    if (p === WILDCARD) parts.push(word.pieces[k] as string);
  });
  return parts.join(' ');
}

/** `key=<*>`: the author labelled the value as data, so its values are parameters however few. */
export function isFieldValue(word: MaskedWord): boolean {
  for (let i = 1; i < word.pieces.length; i++) {
    if (word.pieces[i] === WILDCARD && word.punctuation[i - 1] && word.pieces[i - 1]?.endsWith('='))
      return true;
  }
  return false;
}

function isUnit(words: readonly MaskedWord[], position: number, values: Map<string, number>): boolean {
  if (position === 0 || words[position - 1]?.text !== WILDCARD) return false;
  for (const value of values.keys()) if (!UNITS.has(value.replace(/[,;.)\]]+$/, ''))) return false;
  return true;
}

function splitAt(group: FormGroup, positions: number[], forms: readonly FormCount[]): FormGroup[] {
  const [position, ...rest] = positions;
  if (position === undefined) return [group];
  const byValue = new Map<string, number[]>();
  for (const f of group.forms) {
    const text = ((forms[f] as FormCount).words[position] as MaskedWord).text;
    const members = byValue.get(text);
    if (members) members.push(f);
    else byValue.set(text, [f]);
  }
  const out: FormGroup[] = [];
  for (const members of byValue.values()) {
    const words = [...(forms[members[0] as number] as FormCount).words];
    for (const f of members) generaliseInto(words, (forms[f] as FormCount).words);
    out.push(...splitAt({ words, forms: members }, rest, forms));
  }
  return out;
}
