/**
 * BARO (Pham, Ha and Zhang, FSE 2024), ported for side-by-side runs: multivariate BOCPD on the
 * min–max-normalised latency and error columns finds the change point; the RobustScorer ranks every
 * column by its largest (x − median) / IQR after it. RCAEval also evaluates BARO given the true
 * injection time instead of its own change point; both modes are here.
 *
 * The change point follows BARO's `find_anomalies`: the first step at which P(run length = 10)
 * exceeds 0.01, read from R[10, 10:] with the step index taken as a row of the whole table (the
 * Python indexes the full time column with positions of the sliced row); with none above the
 * threshold, the argmax after the first 5 steps.
 */
import { onlineChangePoints } from './bocpd.js';
import { type Frame, rankServices } from './frame.js';
import { robustScaler, scoreColumns, splitAt } from './scalers.js';

const HAZARD_LAMBDA = 50;
const RUN_LENGTH = 10;
const THRESHOLD = 0.01;

export interface BaroResult {
  services: string[];
  /** Row index of the change point the scorer used. */
  changeIndex: number;
  /** Whether BOCPD found a change above the threshold (else the argmax fallback was used). */
  detected: boolean;
}

export function baroChangePoint(frame: Frame): { index: number; detected: boolean } {
  const selected = frame.columns.filter((c) => /latency|error/i.test(c.name));
  const columns = selected.length > 0 ? selected : frame.columns;
  const normalised = columns.map((c) => {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const v of c.values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    // (x − min) / (max − min) is NaN for a constant column; the Python then fills NaN with 0.
    return Float64Array.from(c.values, (v) => (max > min ? (v - min) / (max - min) : 0));
  });
  const rows = frame.times.map((_, t) => Float64Array.from(normalised, (col) => col[t] as number));
  const { runLengthProbability: R } = onlineChangePoints(rows, HAZARD_LAMBDA, RUN_LENGTH);
  const series = Array.from(R.subarray(RUN_LENGTH, R.length - 1));
  for (let i = 1; i < series.length; i++)
    if ((series[i] as number) > THRESHOLD) return { index: i, detected: true };
  const head = 5;
  let best = head;
  for (let i = head; i < series.length; i++) if ((series[i] as number) > (series[best] as number)) best = i;
  return { index: Math.min(best, frame.times.length - 1), detected: false };
}

/** BARO with its own change point, or with a given one (e.g. the true injection time). */
export function baro(frame: Frame, injectedAt?: number): BaroResult {
  const cp =
    injectedAt === undefined ? baroChangePoint(frame) : { index: splitAt(frame, injectedAt), detected: true };
  const scores = scoreColumns(frame, cp.index, robustScaler);
  return { services: rankServices(frame.columns, scores), changeIndex: cp.index, detected: cp.detected };
}
