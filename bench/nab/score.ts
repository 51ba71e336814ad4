/**
 * NAB scoring, ported from numenta/NAB `nab/sweeper.py` (the scorer of NAB v1.1), `nab/optimizer.py`
 * and `Runner.normalize` in `nab/runner.py`. The rules, as NAB applies them:
 *
 * - The first 15% of each file (at most 750 rows) is probationary and never scored.
 * - A row inside an anomaly window is worth the scaled sigmoid of its relative position, so an early
 *   detection earns about tpWeight and one at the right edge about 0; only the best (first)
 *   detection of a window counts; a window with none costs −fnWeight.
 * - A detection outside windows costs fpWeight times the scaled sigmoid of its distance past the
 *   preceding window (−fpWeight when no window precedes it), so a late detection costs less than a
 *   stray one.
 * - The detection threshold is chosen once per detector over the whole corpus by sweeping every
 *   distinct anomaly score (`optimizeThreshold`), and each file is then scored at that threshold.
 * - Normalised score = 100 × (raw − null) / (perfect − null), where null is the constant-0.5
 *   detector scored the same way and perfect is tpWeight per window.
 */
import type { NabFile } from './load.js';

export interface CostMatrix {
  tpWeight: number;
  fpWeight: number;
  fnWeight: number;
}

/** Rows of one or more files ready to sweep; `window` is −2 probationary, −1 outside, else a window id. */
export interface SweepRows {
  anomalyScore: Float64Array;
  sweepScore: Float64Array;
  window: Int32Array;
}

export interface ThresholdScore {
  threshold: number;
  score: number;
  tp: number;
  fp: number;
}

const PROBATION = -2;
const OUTSIDE = -1;

/** 2·sigmoid(−5x) − 1, and −1 from 3 window lengths past a window on (sweeper.py `scaledSigmoid`). */
export function scaledSigmoid(relativePosition: number): number {
  if (relativePosition >= 3.0) return -1.0;
  return 2 / (1 + Math.exp(5 * relativePosition)) - 1.0;
}

export function probationaryLength(rows: number, probationPercent = 0.15): number {
  return Math.min(Math.floor(probationPercent * rows), probationPercent * 5000);
}

/** sweeper.py `calcSweepScore`: each row's weight if it were a detection. */
export function calcSweepScore(
  file: Pick<NabFile, 'windows'>,
  anomalyScores: ArrayLike<number>,
  cost: CostMatrix,
  firstWindowId = 0,
  probationPercent = 0.15,
): SweepRows {
  const n = anomalyScores.length;
  const out: SweepRows = {
    anomalyScore: Float64Array.from(anomalyScores),
    sweepScore: new Float64Array(n),
    window: new Int32Array(n),
  };
  const maxTP = scaledSigmoid(-1.0);
  const probation = probationaryLength(n, probationPercent);
  let next = 0;
  let current = OUTSIDE;
  let left = 0;
  let right = 0;
  let prevRight: number | undefined;
  let prevWidth = 0;
  for (let i = 0; i < n; i++) {
    const upcoming = file.windows[next];
    if (upcoming && i === upcoming[0]) {
      current = firstWindowId + next;
      [left, right] = upcoming;
      next++;
    }
    const width = right - left + 1;
    if (current !== OUTSIDE) {
      // NAB's `+ 1` means a detection on the right edge still earns a little.
      out.sweepScore[i] = (scaledSigmoid(-(right - i + 1) / width) * cost.tpWeight) / maxTP;
    } else {
      const past = prevRight === undefined ? 3.0 : Math.abs(prevRight - i) / (prevWidth - 1);
      out.sweepScore[i] = scaledSigmoid(past) * cost.fpWeight;
    }
    out.window[i] = i >= probation ? current : PROBATION;
    if (current !== OUTSIDE && i === right) {
      prevRight = i;
      prevWidth = width;
      current = OUTSIDE;
    }
  }
  return out;
}

export function concatRows(parts: readonly SweepRows[]): SweepRows {
  const n = parts.reduce((sum, p) => sum + p.anomalyScore.length, 0);
  const out: SweepRows = {
    anomalyScore: new Float64Array(n),
    sweepScore: new Float64Array(n),
    window: new Int32Array(n),
  };
  let at = 0;
  for (const p of parts) {
    out.anomalyScore.set(p.anomalyScore, at);
    out.sweepScore.set(p.sweepScore, at);
    out.window.set(p.window, at);
    at += p.anomalyScore.length;
  }
  return out;
}

/**
 * sweeper.py `calcScoreByThreshold`: the score at every distinct anomaly score, from the highest
 * threshold down; the row for threshold t counts every row with anomaly score ≥ t as a detection.
 */
export function calcScoreByThreshold(rows: SweepRows, cost: CostMatrix): ThresholdScore[] {
  const order: number[] = [];
  for (let i = 0; i < rows.window.length; i++) if (rows.window[i] !== PROBATION) order.push(i);
  order.sort((a, b) => (rows.anomalyScore[b] ?? 0) - (rows.anomalyScore[a] ?? 0));

  // Each window starts as a miss; a window's part only ever rises to its best detection.
  const windowPart = new Map<number, number>();
  for (const i of order) {
    const w = rows.window[i] ?? OUTSIDE;
    if (w !== OUTSIDE) windowPart.set(w, -cost.fnWeight);
  }
  let windowSum = -cost.fnWeight * windowPart.size;
  let fpPart = 0;
  let tp = 0;
  let fp = 0;
  let threshold = 1.1;
  const out: ThresholdScore[] = [];
  for (const i of order) {
    const score = rows.anomalyScore[i] ?? 0;
    if (score !== threshold) {
      out.push({ threshold, score: fpPart + windowSum, tp, fp });
      threshold = score;
    }
    const w = rows.window[i] ?? OUTSIDE;
    const sweep = rows.sweepScore[i] ?? 0;
    if (w === OUTSIDE) {
      fp++;
      fpPart += sweep;
    } else {
      tp++;
      const old = windowPart.get(w) ?? -cost.fnWeight;
      if (sweep > old) {
        windowPart.set(w, sweep);
        windowSum += sweep - old;
      }
    }
  }
  out.push({ threshold, score: fpPart + windowSum, tp, fp });
  return out;
}

/** optimizer.py `optimizeThreshold`: the best row over the whole corpus (the highest threshold on ties). */
export function optimizeThreshold(rows: SweepRows, cost: CostMatrix): ThresholdScore {
  const scores = calcScoreByThreshold(rows, cost);
  let best = scores[0] ?? { threshold: 1.1, score: 0, tp: 0, fp: 0 };
  for (const s of scores) if (s.score > best.score) best = s;
  return best;
}

/**
 * sweeper.py `scoreDataSet`: one file's score at a threshold. NAB returns None (and then fails) when
 * every row scores above the threshold; all rows are detections then, so this takes the last row.
 */
export function scoreAtThreshold(rows: SweepRows, cost: CostMatrix, threshold: number): ThresholdScore {
  const scores = calcScoreByThreshold(rows, cost);
  let prev: ThresholdScore | undefined;
  for (const s of scores) {
    if (s.threshold === threshold) return s;
    if (s.threshold < threshold) return prev ?? s;
    prev = s;
  }
  return scores[scores.length - 1] ?? { threshold, score: 0, tp: 0, fp: 0 };
}

export function normalizeScore(raw: number, nullScore: number, perfect: number): number {
  return perfect === nullScore ? Number.NaN : (100 * (raw - nullScore)) / (perfect - nullScore);
}
