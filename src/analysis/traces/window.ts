/** A half-open time range [start, end) in epoch ms, as the trace analyses take them. */
export interface Range {
  start: number;
  end: number;
}

export function inRange(t: number, r: Range): boolean {
  return t >= r.start && t < r.end;
}
