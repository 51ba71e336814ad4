/**
 * The time range every read is limited to: epoch milliseconds, start inclusive, end exclusive.
 * It lives in core because sources, bundles, investigations and analyses all speak it.
 */
export interface TimeRange {
  start: number;
  end: number;
}
