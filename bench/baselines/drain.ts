/**
 * Plain Drain, as the baseline of bench:logs: a TypeScript port of the `Drain` class of Drain3
 * (logpai/Drain3, drain3/drain.py, MIT; itself based on logpai/logparser's Drain.py), which
 * implements He et al., "Drain: An Online Log Parsing Approach with Fixed Depth Tree", ICWS 2017.
 *
 * Drain3's defaults throughout: depth 4 (root, token count, one leading token, leaf), similarity
 * threshold 0.4, at most 100 children per node, no cluster limit, no extra delimiters, no masking,
 * `<*>` as the wildcard, and tokens that hold a digit routed to the wildcard branch
 * (`parametrize_numeric_tokens`). Only what the port needs is here: no LRU eviction (unlimited
 * clusters make it a plain map), no profiler, no `match()`.
 */

const PARAM = '<*>';

/** One cluster: its template tokens, its id (from 1, in order of creation) and its line count. */
export interface DrainCluster {
  id: number;
  tokens: string[];
  size: number;
}

interface PrefixNode {
  children: Map<string, PrefixNode>;
  clusterIds: number[];
}

/** Drain3's defaults; see the file comment. */
export interface DrainOptions {
  depth: number;
  similarityThreshold: number;
  maxChildren: number;
}

export const DRAIN3_DEFAULTS: DrainOptions = { depth: 4, similarityThreshold: 0.4, maxChildren: 100 };

export class Drain {
  private readonly maxNodeDepth: number;
  private readonly simTh: number;
  private readonly maxChildren: number;
  private readonly root: PrefixNode = newNode();
  private readonly clusters: DrainCluster[] = [];

  constructor(options: DrainOptions = DRAIN3_DEFAULTS) {
    if (options.depth < 3) throw new Error('Drain: depth must be at least 3');
    this.maxNodeDepth = options.depth - 2;
    this.simTh = options.similarityThreshold;
    this.maxChildren = options.maxChildren;
  }

  /** Adds one message and returns the cluster it joined or created (Drain3's `add_log_message`). */
  addLogMessage(content: string): DrainCluster {
    const tokens = splitWhitespace(content);
    let cluster = this.treeSearch(tokens);
    if (cluster === undefined) {
      cluster = { id: this.clusters.length + 1, tokens, size: 1 };
      this.clusters.push(cluster);
      this.addSeqToPrefixTree(cluster);
      return cluster;
    }
    const template = cluster.tokens;
    for (let i = 0; i < template.length; i++) {
      if (template[i] !== tokens[i]) template[i] = PARAM;
    }
    cluster.size++;
    return cluster;
  }

  cluster(id: number): DrainCluster | undefined {
    return this.clusters[id - 1];
  }

  allClusters(): readonly DrainCluster[] {
    return this.clusters;
  }

  private treeSearch(tokens: string[]): DrainCluster | undefined {
    const tokenCount = tokens.length;
    let node = this.root.children.get(String(tokenCount));
    if (node === undefined) return undefined;
    if (tokenCount === 0) return this.cluster(node.clusterIds[0] as number);
    let depth = 1;
    for (const token of tokens) {
      if (depth >= this.maxNodeDepth || depth === tokenCount) break;
      const next: PrefixNode | undefined = node.children.get(token) ?? node.children.get(PARAM);
      if (next === undefined) return undefined;
      node = next;
      depth++;
    }
    return this.fastMatch(node.clusterIds, tokens);
  }

  private addSeqToPrefixTree(cluster: DrainCluster): void {
    const tokenCount = cluster.tokens.length;
    const countKey = String(tokenCount);
    let node = this.root.children.get(countKey);
    if (node === undefined) {
      node = newNode();
      this.root.children.set(countKey, node);
    }
    if (tokenCount === 0) {
      node.clusterIds = [cluster.id];
      return;
    }
    let depth = 1;
    for (const token of cluster.tokens) {
      if (depth >= this.maxNodeDepth || depth >= tokenCount) {
        node.clusterIds.push(cluster.id);
        break;
      }
      node = this.childFor(node, token);
      depth++;
    }
  }

  /** The branch a new cluster's token takes: its own, or the wildcard once the node is full. */
  private childFor(node: PrefixNode, token: string): PrefixNode {
    const existing = node.children.get(token);
    if (existing !== undefined) return existing;
    const children = node.children;
    if (hasNumbers(token)) return children.get(PARAM) ?? addChild(node, PARAM);
    if (children.has(PARAM)) {
      return children.size < this.maxChildren ? addChild(node, token) : (children.get(PARAM) as PrefixNode);
    }
    if (children.size + 1 < this.maxChildren) return addChild(node, token);
    if (children.size + 1 === this.maxChildren) return addChild(node, PARAM);
    return children.get(PARAM) as PrefixNode;
  }

  /** The most similar cluster of a leaf, ties to the one with more wildcards; none below the threshold. */
  private fastMatch(clusterIds: number[], tokens: string[]): DrainCluster | undefined {
    let maxSim = -1;
    let maxParamCount = -1;
    let best: DrainCluster | undefined;
    for (const id of clusterIds) {
      const cluster = this.cluster(id);
      if (cluster === undefined) continue;
      const template = cluster.tokens;
      let similar = 0;
      let params = 0;
      for (let i = 0; i < template.length; i++) {
        const t = template[i];
        if (t === PARAM) params++;
        else if (t === tokens[i]) similar++;
      }
      const sim = template.length === 0 ? 1 : similar / template.length;
      if (sim > maxSim || (sim === maxSim && params > maxParamCount)) {
        maxSim = sim;
        maxParamCount = params;
        best = cluster;
      }
    }
    return maxSim >= this.simTh ? best : undefined;
  }
}

/**
 * Runs plain Drain over messages in order; each message gets its cluster's final template, as
 * Drain3 users and logparser read the result after the last line.
 */
export function drainTemplates(messages: readonly string[], options?: DrainOptions): string[] {
  const drain = new Drain(options);
  const ids = messages.map((m) => drain.addLogMessage(m).id);
  const templates = drain.allClusters().map((c) => c.tokens.join(' '));
  return ids.map((id) => templates[id - 1] as string);
}

function newNode(): PrefixNode {
  return { children: new Map(), clusterIds: [] };
}

function addChild(node: PrefixNode, key: string): PrefixNode {
  const child = newNode();
  node.children.set(key, child);
  return child;
}

/** Python's `str.split()`: runs of whitespace separate, and none are kept at either end. */
function splitWhitespace(content: string): string[] {
  const trimmed = content.trim();
  return trimmed === '' ? [] : trimmed.split(/\s+/);
}

/** Python's `any(c.isdigit() for c in s)` for the ASCII digits that log tokens carry. */
function hasNumbers(token: string): boolean {
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}
