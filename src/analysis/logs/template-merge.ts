/**
 * Reconciles templates after the online pass. Drain never revisits a cluster, so one template can end
 * up as several: messages routed by a leading word that turned out to vary, a template that matched
 * a message before it was general enough, or a parameter that spans a varying number of words
 * (`18846 bytes (18.4 KB)` against `0 bytes`). Three rules merge them:
 *
 * 1. Same length: when one template covers the other (every word equal, a wildcard, or a pattern the
 *    other's word fits), the other is an instance of it.
 * 2. Shifted or of different lengths: align the two on their common words (longest common
 *    subsequence). When every gap left has at most one constant word on each side and either holds a
 *    parameter or is an insertion next to one, each gap is one parameter of varying length. Only
 *    templates that share their first constant word are compared, which keeps the pairs few.
 * 3. Same length, one word apart (one-word-merge.ts): a name among the words the tree routes on,
 *    merged when its values are many and keep coming (or are a field's values); a small closed set
 *    of values (`VM Started`, `VM Paused`) stays apart, as the split step (template-split.ts) would
 *    separate it again.
 */
import { WILDCARD } from './atom-rules.js';
import type { MaskedWord } from './masked-words.js';
import { mergeOneWordApart, type OneWordMergeOptions } from './one-word-merge.js';
import type { Cluster } from './prefix-tree.js';
import { covers, generaliseWord, WILDCARD_WORD } from './template-words.js';
import { MAX_UNSEEN_VALUE_SHARE } from './unseen-values.js';

/** A merged template: the clusters it absorbed and their lines. */
export interface MergedGroup {
  words: MaskedWord[];
  clusterIds: number[];
  size: number;
}

/**
 * Constant words that must anchor an alignment of two templates of different lengths, at least, and
 * at least twice the constant words left in gaps: two shared constant words are the least that says
 * "the same sentence", and the ratio keeps a long constant tail (`Link error` against
 * `Link error on broadcast tree …`) from being read as a parameter.
 */
export const MIN_ALIGNMENT_ANCHORS = 2;

/** Templates longer than this are not aligned: the quadratic alignment would cost more than it finds. */
const MAX_ALIGN_WORDS = 64;

/** Settings of the merge: the anchors both rules need, and rule 3's test of a differing word. */
export type MergeOptions = OneWordMergeOptions;

/**
 * Defaults: MIN_ALIGNMENT_ANCHORS; three values at least for a word to be a name (two are as often a
 * binary state, `ok` / `failed`); and the split's Good–Turing bound, so that merge and split agree.
 */
export const DEFAULT_MERGE_OPTIONS: MergeOptions = {
  minAnchors: MIN_ALIGNMENT_ANCHORS,
  minValues: 3,
  maxUnseenShare: MAX_UNSEEN_VALUE_SHARE,
};

/** Merges clusters into groups; each group's clusters are listed in order of id. */
export function mergeClusters(
  clusters: readonly Cluster[],
  options: MergeOptions = DEFAULT_MERGE_OPTIONS,
): MergedGroup[] {
  let groups = clusters.map((c) => ({ words: [...c.words], clusterIds: [c.id], size: c.size }));
  groups = mergeCovered(groups);
  groups = mergeOneWordApart(groups, options);
  groups = mergeAligned(groups, options.minAnchors);
  groups = mergeCovered(groups);
  for (const g of groups) g.clusterIds.sort((a, b) => a - b);
  return groups.sort((a, b) => (a.clusterIds[0] as number) - (b.clusterIds[0] as number));
}

/** Rule 1, within each length, until nothing changes. */
function mergeCovered(groups: MergedGroup[]): MergedGroup[] {
  const byLength = new Map<number, MergedGroup[]>();
  for (const g of groups) {
    const list = byLength.get(g.words.length);
    if (list) list.push(g);
    else byLength.set(g.words.length, [g]);
  }
  const out: MergedGroup[] = [];
  for (const list of byLength.values()) out.push(...fixpoint(list, coveredMerge));
  return out;
}

/** Rule 2, among templates that share their first constant word, until nothing changes. */
function mergeAligned(groups: MergedGroup[], minAnchors: number): MergedGroup[] {
  const byAnchor = new Map<string, MergedGroup[]>();
  for (const g of groups) {
    const key = g.words.find((w) => !w.text.includes(WILDCARD))?.text ?? '';
    const list = byAnchor.get(key);
    if (list) list.push(g);
    else byAnchor.set(key, [g]);
  }
  const out: MergedGroup[] = [];
  const merge = (a: MergedGroup, b: MergedGroup) => alignedMerge(a, b, minAnchors);
  for (const list of byAnchor.values()) out.push(...fixpoint(list, merge));
  return out;
}

/** Repeats pairwise merging until no pair merges; `merge` returns the merged words or undefined. */
function fixpoint(
  list: MergedGroup[],
  merge: (a: MergedGroup, b: MergedGroup) => MaskedWord[] | undefined,
): MergedGroup[] {
  const groups = [...list];
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = 0; i < groups.length; i++) {
      for (let j = i + 1; j < groups.length; j++) {
        const a = groups[i] as MergedGroup;
        const b = groups[j] as MergedGroup;
        const words = merge(a, b);
        if (words === undefined) continue;
        groups[i] = { words, clusterIds: [...a.clusterIds, ...b.clusterIds], size: a.size + b.size };
        groups.splice(j, 1);
        j--;
        changed = true;
      }
    }
  }
  return groups;
}

function coveredMerge(a: MergedGroup, b: MergedGroup): MaskedWord[] | undefined {
  if (covers(a.words, b.words)) return a.words;
  if (covers(b.words, a.words)) return b.words;
  return undefined;
}

function alignedMerge(a: MergedGroup, b: MergedGroup, minAnchors: number): MaskedWord[] | undefined {
  if (a.words.length > MAX_ALIGN_WORDS || b.words.length > MAX_ALIGN_WORDS) return undefined;
  return alignTemplates(a.words, b.words, minAnchors);
}

/**
 * Rule 2 for one pair: the merged template, or undefined when a gap holds more than one constant word
 * on a side, or neither holds a parameter nor inserts words next to one, or the anchors are too few.
 */
export function alignTemplates(
  a: readonly MaskedWord[],
  b: readonly MaskedWord[],
  minAnchors: number = MIN_ALIGNMENT_ANCHORS,
): MaskedWord[] | undefined {
  const pairs = commonSubsequence(a, b);
  const merged: MaskedWord[] = [];
  let anchors = 0;
  let leftover = 0;
  let i = 0;
  let j = 0;
  for (const [pi, pj] of [...pairs, [a.length, b.length] as const]) {
    const gapA = a.slice(i, pi);
    const gapB = b.slice(j, pj);
    if (gapA.length > 0 || gapB.length > 0) {
      const constA = gapA.filter((w) => !isParameterWord(w)).length;
      const constB = gapB.filter((w) => !isParameterWord(w)).length;
      const holdsParameter = constA < gapA.length || constB < gapB.length;
      const previous = merged[merged.length - 1];
      const touchesParameter = previous?.text === WILDCARD || (pi < a.length && a[pi]?.text === WILDCARD);
      const insertion = gapA.length === 0 || gapB.length === 0;
      if (constA > 1 || constB > 1 || !(holdsParameter || (touchesParameter && insertion))) return undefined;
      leftover += constA + constB;
      if (previous?.text !== WILDCARD) merged.push(WILDCARD_WORD);
    }
    if (pi < a.length) {
      const word = generaliseWord(a[pi] as MaskedWord, b[pj] as MaskedWord);
      if (word.text === WILDCARD && merged[merged.length - 1]?.text === WILDCARD) {
        // a parameter next to a gap that is already one
      } else merged.push(word);
      if (!word.text.includes(WILDCARD)) anchors++;
    }
    i = pi + 1;
    j = pj + 1;
  }
  if (anchors < minAnchors || anchors < 2 * leftover) return undefined;
  return merged;
}

/**
 * A word that is a parameter with punctuation at most (`<*>`, `(<*>`, `<<*>`): a key such as
 * `user=<*>` is a constant, since its key names the field.
 */
function isParameterWord(word: MaskedWord): boolean {
  if (!word.text.includes(WILDCARD)) return false;
  return word.pieces.every((p, i) => p === WILDCARD || word.punctuation[i]);
}

/** Index pairs of a longest common subsequence of equal word texts (dynamic programming). */
function commonSubsequence(
  a: readonly MaskedWord[],
  b: readonly MaskedWord[],
): Array<readonly [number, number]> {
  const m = a.length;
  const n = b.length;
  const table = new Int32Array((m + 1) * (n + 1));
  for (let i = m - 1; i >= 0; i--) {
    for (let j = n - 1; j >= 0; j--) {
      table[i * (n + 1) + j] =
        a[i]?.text === b[j]?.text
          ? (table[(i + 1) * (n + 1) + j + 1] as number) + 1
          : Math.max(table[(i + 1) * (n + 1) + j] as number, table[i * (n + 1) + j + 1] as number);
    }
  }
  const pairs: Array<readonly [number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < m && j < n) {
    if (a[i]?.text === b[j]?.text) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if ((table[(i + 1) * (n + 1) + j] as number) >= (table[i * (n + 1) + j + 1] as number)) i++;
    else j++;
  }
  return pairs;
}
