/**
 * Okapi BM25 (Robertson & Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond",
 * 2009) over short documents such as past incidents: term frequency saturates (k1 = 1.2) and long
 * documents are normalised by length (b = 0.75), the defaults of Lucene and most search engines.
 * Tokens are lowercase words and numbers; service names with hyphens also count as whole tokens,
 * so "payment-provider" matches itself more than "payment".
 */

export interface Bm25Options {
  k1?: number;
  b?: number;
}

export interface Bm25Hit {
  index: number;
  score: number;
}

const STOP = new Set([
  'the',
  'a',
  'an',
  'of',
  'on',
  'in',
  'to',
  'and',
  'or',
  'for',
  'is',
  'at',
  'by',
  'with',
]);

export function tokenize(text: string): string[] {
  const lower = text.toLowerCase();
  const words = lower.match(/[a-z0-9]+/g) ?? [];
  const compounds = lower.match(/[a-z0-9]+(?:[-_.][a-z0-9]+)+/g) ?? [];
  return [...words, ...compounds].filter((w) => !STOP.has(w));
}

export class Bm25Index {
  private readonly docs: Map<string, number>[];
  private readonly lengths: number[];
  private readonly documentFrequency = new Map<string, number>();
  private readonly averageLength: number;
  private readonly k1: number;
  private readonly b: number;

  constructor(documents: readonly string[], options: Bm25Options = {}) {
    this.k1 = options.k1 ?? 1.2;
    this.b = options.b ?? 0.75;
    this.docs = documents.map((d) => {
      const counts = new Map<string, number>();
      for (const t of tokenize(d)) counts.set(t, (counts.get(t) ?? 0) + 1);
      for (const t of counts.keys()) this.documentFrequency.set(t, (this.documentFrequency.get(t) ?? 0) + 1);
      return counts;
    });
    this.lengths = this.docs.map((c) => [...c.values()].reduce((a, b) => a + b, 0));
    this.averageLength = this.lengths.reduce((a, b) => a + b, 0) / Math.max(1, this.lengths.length);
  }

  /** Documents with a positive score, best first (ties: earlier document first). */
  search(query: string, limit = 10): Bm25Hit[] {
    const terms = [...new Set(tokenize(query))];
    const n = this.docs.length;
    const hits: Bm25Hit[] = [];
    this.docs.forEach((counts, index) => {
      let score = 0;
      const norm = 1 - this.b + (this.b * (this.lengths[index] ?? 0)) / Math.max(1, this.averageLength);
      for (const t of terms) {
        const tf = counts.get(t) ?? 0;
        if (tf === 0) continue;
        const df = this.documentFrequency.get(t) ?? 0;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        score += (idf * tf * (this.k1 + 1)) / (tf + this.k1 * norm);
      }
      if (score > 0) hits.push({ index, score });
    });
    return hits.sort((a, b) => b.score - a.score || a.index - b.index).slice(0, limit);
  }
}
