/**
 * Log template mining: Drain (He et al., "Drain: An Online Log Parsing Approach with Fixed Depth
 * Tree", ICWS 2017) over masked words, in one online pass, then a merge and a split over the result.
 *
 * - Masking by token class (scanner.ts, atom-rules.ts) runs before the tree, so ids, numbers, IPs
 *   with ports, hex, UUIDs, paths, URLs, times, durations and sizes are `<*>` whatever the log
 *   format, and punctuation glued to a value (`(10.0.0.1)`, `uid=0`) stays in the template.
 * - Words are compared by their masked text and generalised piece by piece (`user=<*>`); the tree
 *   routes on the leading words that hold no parameter (prefix-tree.ts).
 * - A message whose masked form was seen before goes straight to that form's cluster (form-table.ts):
 *   the tree and the similarity scan run once per distinct masked form, not once per line.
 * - At the end, clusters that are one template merge (template-merge.ts: instances of a more general
 *   template, parameters of varying length) and templates whose generalised word is a closed set of
 *   values split (template-split.ts). Assignments follow the final templates.
 *
 * One configuration serves every log source. The thresholds one would tune are in MinerConfig (the
 * defaults below); bench:logs chooses them leave-one-system-out to show they are not fitted to Loghub.
 */
import { FormTable } from './form-table.js';
import { collapseLists } from './list-words.js';
import { type MaskedWord, maskedWords } from './masked-words.js';
import { type Cluster, PrefixTree } from './prefix-tree.js';
import { MessageScanner } from './scanner.js';
import { DEFAULT_MERGE_OPTIONS, mergeClusters } from './template-merge.js';
import { DEFAULT_SPLIT_OPTIONS, type FormCount, splitClosedSets } from './template-split.js';
import { generaliseInto, templateText } from './template-words.js';

export interface MinerConfig {
  /**
   * Least share of a template's words a message must match to join it. 0.5: with parameters masked, a
   * message of the same event matches nearly every word, so half the words differing is evidence of
   * another event; Drain3's 0.4 suits unmasked tokens, where every number is a difference. Higher
   * values keep short messages with one unmasked parameter (`login alice ok`) from ever joining;
   * merging and splitting afterwards correct both ways, so results change little from 0.4 to 0.7.
   */
  similarityThreshold: number;
  /**
   * Leading words without a parameter that the tree routes on below the word count (Drain's depth
   * minus two). Two: the first is often a component or a prefix (`pam_unix(sshd:auth):`,
   * `[instance:`) and the second the verb that tells events apart. The cost: a parameter among them
   * that masking misses splits its template, as a varying first token does in Drain.
   */
  prefixWords: number;
  /** Branches per tree node before new words share the wildcard branch (Drain3's 100). */
  maxChildren: number;
  /**
   * Constant words two templates must share to merge by alignment or one word apart
   * (template-merge.ts, MIN_ALIGNMENT_ANCHORS).
   */
  minAnchors: number;
  /** Distinct values a word must take before one-word-apart templates merge (one-word-merge.ts). */
  minWordValues: number;
  /**
   * Good–Turing share of unseen values at or below which a word's values are a closed set
   * (unseen-values.ts, MAX_UNSEEN_VALUE_SHARE): one event's vocabulary, split; above it, names.
   */
  maxUnseenValueShare: number;
  /** Values shared with another template's parameter that make a position names (template-split.ts). */
  minSharedValues: number;
  /**
   * Masked forms the cache remembers; it starts empty again when full, so memory stays bounded. 2¹⁸
   * forms take at most 8 MiB of table and cover the forms of a day of a service's logs many times over.
   */
  maxCachedForms: number;
}

export const DEFAULT_MINER_CONFIG: MinerConfig = {
  similarityThreshold: 0.5,
  prefixWords: 2,
  maxChildren: 100,
  maxCachedForms: 1 << 18,
  minAnchors: DEFAULT_MERGE_OPTIONS.minAnchors,
  minWordValues: DEFAULT_MERGE_OPTIONS.minValues,
  maxUnseenValueShare: DEFAULT_SPLIT_OPTIONS.maxUnseenShare,
  minSharedValues: DEFAULT_SPLIT_OPTIONS.minSharedValues,
};

/** A mined template: its id (numbered from 1 in order of first appearance), text and line count. */
export interface MinedTemplate {
  id: number;
  template: string;
  count: number;
}

/** One distinct masked form of a message: the unit the cache, the counts and the split work on. */
interface Form {
  cluster: Cluster;
  /** Kept for the first forms of each cluster only (see MAX_FORMS_PER_CLUSTER). */
  words: MaskedWord[] | undefined;
}

/**
 * Distinct forms kept with their words per cluster, for the closed-set split. A cluster with more
 * forms varies in a parameter that masking missed, and is left whole; the cap bounds memory when a
 * free-text field makes every line a new form.
 */
const MAX_FORMS_PER_CLUSTER = 256;

interface Finished {
  templates: MinedTemplate[];
  /** Final template id of each form. */
  templateOfForm: Int32Array;
}

export class TemplateMiner {
  private readonly config: MinerConfig;
  private readonly scanner = new MessageScanner();
  private readonly tree: PrefixTree;
  private readonly clusters: Cluster[] = [];
  private readonly texts: Array<string | undefined> = [];
  private readonly forms: Form[] = [];
  /** Lines of each form, in a typed array so that the per-line path is one increment. */
  private formCounts = new Int32Array(1024);
  private readonly formsOfCluster: number[][] = [];
  private readonly byKey: FormTable;
  private finished: Finished | undefined;

  constructor(config: Partial<MinerConfig> = {}) {
    this.config = { ...DEFAULT_MINER_CONFIG, ...config };
    this.tree = new PrefixTree(this.config);
    this.byKey = new FormTable(this.config.maxCachedForms);
  }

  /**
   * Adds one message; returns the id and current template of the cluster it joined, as Drain sees it
   * online. Ids from `templates()` are final ones, after merging and splitting.
   */
  add(message: string): { templateId: number; template: string } {
    const cluster = (this.forms[this.addMessage(message)] as Form).cluster;
    let template = this.texts[cluster.id - 1];
    if (template === undefined) {
      template = templateText(cluster.words);
      this.texts[cluster.id - 1] = template;
    }
    return { templateId: cluster.id, template };
  }

  /** Adds one message and returns a handle for `templateIdOf`: the hot path of `mineTemplates`. */
  addMessage(message: string): number {
    this.finished = undefined;
    const scanner = this.scanner;
    scanner.scan(message);
    const known = this.byKey.get(scanner.keyA, scanner.keyB);
    if (known < 0) return this.addForm(message);
    this.formCounts[known] = (this.formCounts[known] as number) + 1;
    return known;
  }

  /** A masked form not in the cache: through the parse tree, into a cluster. */
  private addForm(message: string): number {
    const words = collapseLists(maskedWords(this.scanner, message));
    const cluster = this.place(words);
    const siblings = this.formsOfCluster[cluster.id - 1] as number[];
    const id = this.forms.length;
    this.forms.push({ cluster, words: siblings.length < MAX_FORMS_PER_CLUSTER ? words : undefined });
    if (id === this.formCounts.length) {
      const grown = new Int32Array(id * 2);
      grown.set(this.formCounts);
      this.formCounts = grown;
    }
    this.formCounts[id] = 1;
    siblings.push(id);
    this.byKey.set(this.scanner.keyA, this.scanner.keyB, id);
    return id;
  }

  /** Final templates, in order of first appearance. */
  templates(): MinedTemplate[] {
    return this.finish().templates;
  }

  /** The final template id of a message, from the handle `addMessage` returned. */
  templateIdOf(handle: number): number {
    return this.finish().templateOfForm[handle] ?? 0;
  }

  private place(words: MaskedWord[]): Cluster {
    const match = this.tree.match(words);
    if (match !== undefined) {
      if (generaliseInto(match.words, words)) this.texts[match.id - 1] = undefined;
      return match;
    }
    const cluster: Cluster = { id: this.clusters.length + 1, words: [...words], size: 0 };
    this.clusters.push(cluster);
    this.texts.push(undefined);
    this.formsOfCluster.push([]);
    this.tree.insert(cluster);
    return cluster;
  }

  private finish(): Finished {
    if (this.finished !== undefined) return this.finished;
    for (const cluster of this.clusters) cluster.size = 0;
    this.forms.forEach((form, f) => {
      form.cluster.size += this.formCounts[f] as number;
    });
    const { minAnchors, minWordValues, maxUnseenValueShare, minSharedValues } = this.config;
    const mergeOptions = { minAnchors, minValues: minWordValues, maxUnseenShare: maxUnseenValueShare };
    const merged = mergeClusters(this.clusters, mergeOptions).map((group) => ({
      words: group.words,
      forms: group.clusterIds.flatMap((id) => this.formsOfCluster[id - 1] as number[]),
    }));
    const counts: FormCount[] = this.forms.map((form, f) => ({
      words: form.words ?? [],
      count: this.formCounts[f] as number,
    }));
    const found = splitClosedSets(merged, counts, { minSharedValues, maxUnseenShare: maxUnseenValueShare });
    const first = (forms: number[]) => forms.reduce((a, b) => Math.min(a, b), Number.MAX_SAFE_INTEGER);
    found.sort((a, b) => first(a.forms) - first(b.forms));
    const templateOfForm = new Int32Array(this.forms.length);
    const templates = found.map((t, i) => {
      let count = 0;
      for (const f of t.forms) {
        templateOfForm[f] = i + 1;
        count += this.formCounts[f] as number;
      }
      return { id: i + 1, template: templateText(t.words), count };
    });
    this.finished = { templates, templateOfForm };
    return this.finished;
  }
}

/**
 * Mines a batch of messages in one pass. `assignments[i]` is the id of message i's template, one of
 * `templates`.
 */
export function mineTemplates(
  messages: Iterable<string>,
  config?: Partial<MinerConfig>,
): { assignments: Int32Array; templates: MinedTemplate[] } {
  const miner = new TemplateMiner(config);
  let handles = new Int32Array(1024);
  let n = 0;
  for (const message of messages) {
    if (n === handles.length) {
      const grown = new Int32Array(n * 2);
      grown.set(handles);
      handles = grown;
    }
    handles[n++] = miner.addMessage(message);
  }
  const templates = miner.templates();
  const assignments = new Int32Array(n);
  for (let i = 0; i < n; i++) assignments[i] = miner.templateIdOf(handles[i] as number);
  return { assignments, templates };
}
