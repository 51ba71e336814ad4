/**
 * Scores a detector's anomaly scores over a NAB corpus the way NAB's runner does: sweep the
 * threshold once over all files, score every file at it, and normalise against the null detector
 * (constant 0.5, its own threshold optimised the same way) and the perfect detector. Category
 * figures use the same corpus-wide thresholds, each normalised against that category's null and
 * perfect scores (NAB itself prints only the total).
 */
import type { NabFile } from './load.js';
import {
  type CostMatrix,
  calcSweepScore,
  concatRows,
  normalizeScore,
  optimizeThreshold,
  type SweepRows,
  scoreAtThreshold,
} from './score.js';

export interface GroupScore {
  files: number;
  windows: number;
  raw: number;
  nullRaw: number;
  perfect: number;
  /** NaN where a group has no windows (perfect equals null). */
  normalized: number;
}

export interface DetectorResult {
  threshold: number;
  total: GroupScore;
  categories: Map<string, GroupScore>;
  perFile: Map<string, number>;
}

function sweepCorpus(files: readonly NabFile[], scores: readonly ArrayLike<number>[], cost: CostMatrix) {
  let firstWindowId = 0;
  return files.map((file, i) => {
    const rows = calcSweepScore(file, scores[i] ?? [], cost, firstWindowId);
    firstWindowId += file.windows.length;
    return rows;
  });
}

function scoreFiles(rows: readonly SweepRows[], cost: CostMatrix) {
  const threshold = optimizeThreshold(concatRows(rows), cost).threshold;
  return { threshold, perFile: rows.map((r) => scoreAtThreshold(r, cost, threshold).score) };
}

/** `scores[i]` are the anomaly scores of `files[i]`, one per row, in [0, 1]. */
export function evaluateDetector(
  files: readonly NabFile[],
  scores: readonly ArrayLike<number>[],
  cost: CostMatrix,
): DetectorResult {
  for (const [i, fileScores] of scores.entries()) {
    for (let j = 0; j < fileScores.length; j++) {
      const s = fileScores[j] ?? Number.NaN;
      // NAB's sweep starts above 1 and assumes scores in [0, 1].
      if (!(s >= 0 && s <= 1))
        throw new Error(`${files[i]?.path} row ${j}: anomaly score ${s} is not in [0, 1]`);
    }
  }
  const detector = scoreFiles(sweepCorpus(files, scores, cost), cost);
  const nullScores = files.map((f) => new Float64Array(f.values.length).fill(0.5));
  const baseline = scoreFiles(sweepCorpus(files, nullScores, cost), cost);

  const group = (indices: number[]): GroupScore => {
    const sum = (xs: number[]) => indices.reduce((s, i) => s + (xs[i] ?? 0), 0);
    const windows = indices.reduce((s, i) => s + (files[i]?.windows.length ?? 0), 0);
    const raw = sum(detector.perFile);
    const nullRaw = sum(baseline.perFile);
    const perfect = windows * cost.tpWeight;
    return {
      files: indices.length,
      windows,
      raw,
      nullRaw,
      perfect,
      normalized: normalizeScore(raw, nullRaw, perfect),
    };
  };
  const byCategory = new Map<string, number[]>();
  files.forEach((f, i) => {
    byCategory.set(f.category, [...(byCategory.get(f.category) ?? []), i]);
  });
  return {
    threshold: detector.threshold,
    total: group(files.map((_, i) => i)),
    categories: new Map([...byCategory].map(([c, indices]) => [c, group(indices)])),
    perFile: new Map(files.map((f, i) => [f.path, detector.perFile[i] ?? 0])),
  };
}
