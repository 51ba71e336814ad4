/**
 * N-Sigma as RCAEval runs it: split at the injection time, standardise each column by the normal
 * period's mean and standard deviation, rank columns by their largest z-score after the split.
 */
import { type Frame, rankServices } from './frame.js';
import { scoreColumns, splitAt, standardScaler } from './scalers.js';

export function nSigma(frame: Frame, injectedAt: number): string[] {
  return rankServices(frame.columns, scoreColumns(frame, splitAt(frame, injectedAt), standardScaler));
}
