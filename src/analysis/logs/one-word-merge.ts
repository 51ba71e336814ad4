/**
 * Merges templates of one length that differ in a single word: `user alice logged in` and `user bob
 * logged in`. The tree routes on leading words, so a name among them (a user, a region, a job) gives
 * every value its own cluster, and Drain never compares clusters again. The word is taken for a
 * parameter only when its values look like names: at least `minValues` of them, and an open set by
 * Good–Turing's estimate (unseen-values.ts), as the closed-set split (template-split.ts) judges a
 * generalised position; or a field's value (`method=GET`, `method=PUT`), which that split never
 * separates. Two states each seen many times (`disk limit …`, `vcpu limit …`) stay apart.
 *
 * Templates are bucketed by their text with one position blanked, so two that differ only there
 * share a key: linear in words, not quadratic in templates.
 */
import { WILDCARD } from './atom-rules.js';
import type { MaskedWord } from './masked-words.js';
import type { MergedGroup } from './template-merge.js';
import { isFieldValue } from './template-split.js';
import { generaliseInto, generaliseWord } from './template-words.js';
import { isClosedSet } from './unseen-values.js';

/**
 * Templates longer than this are not bucketed: the keys cost the square of the length, and a message
 * of this many words is prose, which the tree's similarity already handles.
 */
const MAX_WORDS = 64;

/** What decides whether the differing word of a bucket is a parameter. */
export interface OneWordMergeOptions {
  /** Words that name something (a constant, or a field key as in `path=<*>`) shared besides the differing one. */
  minAnchors: number;
  /** Distinct values the differing word must take. */
  minValues: number;
  /** Good–Turing share of unseen values above which the values are an open set (unseen-values.ts). */
  maxUnseenShare: number;
}

/**
 * Merges groups of equal length whose words are equal everywhere but one position, when enough of the
 * equal words name something and the differing word is a parameter (see the file comment). Merging
 * is transitive. Groups keep the order of their first member.
 */
export function mergeOneWordApart(
  groups: readonly MergedGroup[],
  options: OneWordMergeOptions,
): MergedGroup[] {
  const parent = groups.map((_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] as number;
    parent[i] = root;
    return root;
  };
  for (const [p, members] of buckets(groups, options.minAnchors)) {
    if (!opensAt(groups, members, p, options)) continue;
    for (const g of members) parent[find(g)] = find(members[0] as number);
  }
  const merged = new Map<number, MergedGroup>();
  groups.forEach((group, g) => {
    const root = find(g);
    const into = merged.get(root);
    if (into === undefined) {
      merged.set(root, { words: [...group.words], clusterIds: [...group.clusterIds], size: group.size });
      return;
    }
    generaliseInto(into.words, group.words);
    into.clusterIds.push(...group.clusterIds);
    into.size += group.size;
  });
  return [...merged.values()];
}

/**
 * Groups (two or more) that are equal but for position p, as [p, group indices]; the equal words must
 * hold `minAnchors` words that name something (a field key counts: `path=<*>`).
 */
function buckets(groups: readonly MergedGroup[], minAnchors: number): Array<[number, number[]]> {
  const byKey = new Map<string, [number, number[]]>();
  groups.forEach((group, g) => {
    const words = group.words;
    if (words.length > MAX_WORDS) return;
    const named = words.filter(namesSomething).length;
    for (let p = 0; p < words.length; p++) {
      const anchors = named - (namesSomething(words[p] as MaskedWord) ? 1 : 0);
      if (anchors < minAnchors) continue;
      const key = blankedKey(words, p);
      const bucket = byKey.get(key);
      if (bucket === undefined) byKey.set(key, [p, [g]]);
      else bucket[1].push(g);
    }
  });
  return [...byKey.values()].filter(([, members]) => members.length > 1);
}

/**
 * Whether the word at p is a parameter: a field value (`method=<*>`), which the split never separates
 * either, or constant values that are many and an open set, weighted by lines.
 */
function opensAt(
  groups: readonly MergedGroup[],
  members: readonly number[],
  p: number,
  options: OneWordMergeOptions,
): boolean {
  const lines = new Map<string, number>();
  let word = (groups[members[0] as number] as MergedGroup).words[p] as MaskedWord;
  for (const g of members) {
    const group = groups[g] as MergedGroup;
    const other = group.words[p] as MaskedWord;
    word = generaliseWord(word, other);
    if (!other.text.includes(WILDCARD)) lines.set(other.text, (lines.get(other.text) ?? 0) + group.size);
  }
  if (isFieldValue(word)) return true;
  return lines.size >= options.minValues && !isClosedSet(lines.values(), options.maxUnseenShare);
}

/** A word with a constant besides punctuation (`logged`, `path=<*>`), not a bare parameter (`(<*>)`). */
function namesSomething(word: MaskedWord): boolean {
  return word.pieces.some((piece, k) => piece !== WILDCARD && !word.punctuation[k]);
}

/** The words' texts with position `p` blanked, and the length, as one string. */
function blankedKey(words: readonly MaskedWord[], p: number): string {
  let key = `${words.length}:${p}`;
  for (let i = 0; i < words.length; i++) key += i === p ? '\u0000' : `\u0001${words[i]?.text}`;
  return key;
}
