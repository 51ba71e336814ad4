/**
 * Service-level scores of a root-cause ranking, as RCAEval reports them: AC@k is the share of cases
 * whose true root cause is among the top k; Avg@5 is the mean of AC@1..AC@5. A case's accepted
 * answers are truth.yaml's root-cause service and any `alsoAcceptable` services.
 */

export interface CaseResult {
  id: string;
  accepted: string[];
  ranking: string[];
}

export interface RcaScores {
  cases: number;
  ac1: number;
  ac3: number;
  avg5: number;
}

export function rankOf(c: CaseResult): number {
  const i = c.ranking.findIndex((s) => c.accepted.includes(s));
  return i < 0 ? Number.POSITIVE_INFINITY : i + 1;
}

export function scoreRankings(cases: readonly CaseResult[]): RcaScores {
  const n = cases.length;
  const acAt = (k: number) => (n === 0 ? 0 : cases.filter((c) => rankOf(c) <= k).length / n);
  const avg5 = [1, 2, 3, 4, 5].reduce((s, k) => s + acAt(k), 0) / 5;
  return { cases: n, ac1: acAt(1), ac3: acAt(3), avg5 };
}
