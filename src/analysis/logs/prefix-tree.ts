/**
 * Drain's fixed-depth parse tree (He et al., ICWS 2017, section III): the first level keys on the
 * word count, the next levels on leading words, and a leaf holds the clusters to compare by
 * similarity. Two changes: the leading words routed on are the first words without a parameter,
 * since a prefix such as `[instance: <*>]` says nothing about the event while the verb after it does;
 * and a candidate that matches only because the message is the template shifted by a word is
 * skipped (isShifted).
 */
import { WILDCARD } from './atom-rules.js';
import type { MaskedWord } from './masked-words.js';
import { similarity } from './template-words.js';

/** One group of messages that share a template, as the miner grows it. */
export interface Cluster {
  id: number;
  words: MaskedWord[];
  /** Lines in the cluster; the miner fills it in when it finishes, not per line. */
  size: number;
}

interface TreeNode {
  children: Map<string, TreeNode>;
  clusters: Cluster[];
}

export interface PrefixTreeOptions {
  prefixWords: number;
  maxChildren: number;
  similarityThreshold: number;
}

export class PrefixTree {
  private readonly byLength = new Map<number, TreeNode>();

  constructor(private readonly options: PrefixTreeOptions) {}

  /** The most similar cluster in the message's leaf, or undefined when none reaches the threshold. */
  match(words: readonly MaskedWord[]): Cluster | undefined {
    let node = this.byLength.get(words.length);
    for (const key of this.routeOf(words)) {
      if (node === undefined) break;
      const children: Map<string, TreeNode> = node.children;
      node = children.get(key) ?? children.get(WILDCARD);
    }
    if (node === undefined) return undefined;
    let best: Cluster | undefined;
    let bestScore = -1;
    let bestWildcards = -1;
    for (const cluster of node.clusters) {
      const { score, wildcards } = similarity(cluster.words, words);
      if (score < this.options.similarityThreshold || isShifted(cluster.words, words)) continue;
      if (score > bestScore || (score === bestScore && wildcards > bestWildcards)) {
        best = cluster;
        bestScore = score;
        bestWildcards = wildcards;
      }
    }
    return bestScore >= this.options.similarityThreshold ? best : undefined;
  }

  /** Adds a new cluster under its length and leading words. */
  insert(cluster: Cluster): void {
    const words = cluster.words;
    let node = this.byLength.get(words.length);
    if (node === undefined) {
      node = newNode();
      this.byLength.set(words.length, node);
    }
    for (const key of this.routeOf(words)) node = this.childFor(node, key);
    node.clusters.push(cluster);
  }

  /** The first `prefixWords` words without a parameter, padded with `<*>`. */
  private routeOf(words: readonly MaskedWord[]): string[] {
    const keys: string[] = [];
    const depth = Math.min(this.options.prefixWords, words.length);
    for (let i = 0; i < words.length && keys.length < depth; i++) {
      const text = (words[i] as MaskedWord).text;
      if (!text.includes(WILDCARD)) keys.push(text);
    }
    while (keys.length < depth) keys.push(WILDCARD);
    return keys;
  }

  /**
   * The branch for a leading word: its own, or the wildcard branch when the word is a parameter or
   * the node already has `maxChildren` branches (Drain keeps one slot for the wildcard).
   */
  private childFor(node: TreeNode, key: string): TreeNode {
    const own = node.children.get(key);
    if (own !== undefined) return own;
    const room = node.children.size + (node.children.has(WILDCARD) ? 0 : 1) < this.options.maxChildren;
    const branch = key === WILDCARD || !room ? WILDCARD : key;
    let child = node.children.get(branch);
    if (child === undefined) {
      child = newNode();
      node.children.set(branch, child);
    }
    return child;
  }
}

/** How far (in words) a displaced word may have moved: a parameter of up to three extra words. */
const SHIFT_WINDOW = 3;

/**
 * Displaced words that mark a shifted message. Two: one word found nearby can be chance (`to` twice
 * in a sentence), two mean the sentence slid along.
 */
const MIN_DISPLACED_WORDS = 2;

/**
 * Whether the message reads as the template shifted by a word or more: constant words of the
 * message that differ at their own position but sit in the template up to SHIFT_WINDOW words away.
 * Drain would generalise such a message position by position into nonsense (`bytes <*> <*> <*>`); it
 * is a sibling with a parameter of another length instead, which the merge step joins later.
 */
export function isShifted(template: readonly MaskedWord[], words: readonly MaskedWord[]): boolean {
  let displaced = 0;
  for (let i = 0; i < template.length; i++) {
    const t = template[i] as MaskedWord;
    const w = words[i] as MaskedWord;
    if (t.text === w.text || t.text === WILDCARD || w.text === WILDCARD) continue;
    for (let d = -SHIFT_WINDOW; d <= SHIFT_WINDOW; d++) {
      if (d !== 0 && template[i + d]?.text === w.text) {
        displaced++;
        break;
      }
    }
    if (displaced >= MIN_DISPLACED_WORDS) return true;
  }
  return false;
}

function newNode(): TreeNode {
  return { children: new Map(), clusters: [] };
}
