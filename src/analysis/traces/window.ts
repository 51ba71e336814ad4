import type { TimeRange } from '../../core/index.js';

/** A half-open time range [start, end) in epoch ms, as the trace analyses take them. */
export type Range = TimeRange;

export function inRange(t: number, r: Range): boolean {
  return t >= r.start && t < r.end;
}
