/**
 * /api/stats: how well investigations did, from responders' feedback, and how fast they were.
 * Accuracy counts each graded investigation once (its latest grade), overall and per root-cause
 * category; time to first brief runs from the first alert's receipt to the brief; MTTR from the
 * first alert firing to the last resolving.
 */
import { type Feedback, GRADES, type Grade, type InvestigationRow } from '../store/types.js';

export interface DurationStats {
  count: number;
  p50Ms: number | null;
  p90Ms: number | null;
  meanMs: number | null;
}

export interface Stats {
  investigations: { total: number; byStatus: Record<string, number> };
  graded: number;
  byGrade: Record<Grade, number>;
  /** Share graded correct, and correct or partly correct; null with nothing graded. */
  accuracy: { correct: number | null; correctOrPartly: number | null };
  byCategory: Record<string, { graded: number; correct: number; partlyCorrect: number }>;
  timeToFirstBrief: DurationStats;
  mttr: DurationStats;
}

export function computeStats(
  investigations: readonly InvestigationRow[],
  feedback: readonly Feedback[],
  firstFiring: ReadonlyMap<string, number>,
): Stats {
  const latest = new Map<string, Feedback>();
  for (const f of [...feedback].sort((a, b) => a.at - b.at)) latest.set(f.investigationId, f);
  const byGrade = Object.fromEntries(GRADES.map((g) => [g, 0])) as Record<Grade, number>;
  const byCategory: Stats['byCategory'] = {};
  const byStatus: Record<string, number> = {};
  for (const inv of investigations) byStatus[inv.status] = (byStatus[inv.status] ?? 0) + 1;
  const known = new Map(investigations.map((i) => [i.id, i]));
  for (const f of latest.values()) {
    byGrade[f.grade]++;
    // The category the investigation named is what its accuracy is about.
    const category = known.get(f.investigationId)?.category ?? 'unknown';
    const c = byCategory[category] ?? { graded: 0, correct: 0, partlyCorrect: 0 };
    c.graded++;
    if (f.grade === 'correct') c.correct++;
    if (f.grade === 'partly_correct') c.partlyCorrect++;
    byCategory[category] = c;
  }
  const graded = latest.size;
  return {
    investigations: { total: investigations.length, byStatus },
    graded,
    byGrade,
    accuracy: {
      correct: graded === 0 ? null : byGrade.correct / graded,
      correctOrPartly: graded === 0 ? null : (byGrade.correct + byGrade.partly_correct) / graded,
    },
    byCategory,
    timeToFirstBrief: durations(
      investigations.flatMap((i) => (i.firstBriefAt === undefined ? [] : [i.firstBriefAt - i.createdAt])),
    ),
    mttr: durations(
      investigations.flatMap((i) => {
        const fired = firstFiring.get(i.id);
        return i.resolvedAt === undefined || fired === undefined ? [] : [i.resolvedAt - fired];
      }),
    ),
  };
}

function durations(values: number[]): DurationStats {
  if (values.length === 0) return { count: 0, p50Ms: null, p90Ms: null, meanMs: null };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;
  return {
    count: sorted.length,
    p50Ms: at(0.5),
    p90Ms: at(0.9),
    meanMs: Math.round(sorted.reduce((s, v) => s + v, 0) / sorted.length),
  };
}
