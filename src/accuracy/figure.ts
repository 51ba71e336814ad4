/**
 * One quotable figure: a count of right answers among n confirmed incidents, its rate, its 95%
 * Wilson interval and the sentence a person can paste, e.g. "root cause right in 41 of 48
 * confirmed incidents (85%, 95% CI 73–93%)". Pure.
 */
import { type Interval, wilsonInterval } from '../core/index.js';

/**
 * Below this many confirmed incidents a figure is flagged "too few to quote": with n = 9 and every
 * answer right, the 95% interval still reaches down to 70%, too wide to say anything a reader would
 * act on. Ten is the usual floor for a proportion's normal approximation (n·p ≥ 5 at p = ½).
 */
export const MIN_QUOTABLE = 10;

/** A proportion with its interval and sentence. */
export interface Figure {
  right: number;
  n: number;
  /** right / n; null with n = 0. */
  rate: number | null;
  /** The 95% Wilson interval of the rate; null with n = 0. */
  interval: Interval | null;
  /** false when nothing was measured (n = 0) or n < MIN_QUOTABLE. */
  quotable: boolean;
  sentence: string;
}

/** What a figure counts: `what` is the claim, `among` narrows the incidents ("answered with HIGH confidence"). */
export interface FigureWording {
  what: string;
  among?: string;
  /** Said instead of "no confirmed incidents yet" when n = 0 (the causing change today). */
  whenNone?: string;
  /** What was counted, plural: "confirmed incidents" (the default) or "backtest cases". */
  noun?: string;
}

/** The figure of `right` out of `n`, worded as `wording` says. */
export function figureOf(right: number, n: number, wording: FigureWording): Figure {
  const among = wording.among === undefined ? '' : ` ${wording.among}`;
  const noun = wording.noun ?? 'confirmed incidents';
  if (n === 0) {
    const narrowed = wording.among === undefined ? '' : `, ${wording.among}`;
    return {
      right,
      n,
      rate: null,
      interval: null,
      quotable: false,
      sentence: `${wording.what}${narrowed}: ${wording.whenNone ?? `no ${noun} yet`}`,
    };
  }
  const rate = right / n;
  const interval = wilsonInterval(right, n);
  const small = n < MIN_QUOTABLE ? ' — too few to quote' : '';
  return {
    right,
    n,
    rate,
    interval,
    quotable: n >= MIN_QUOTABLE,
    sentence: `${wording.what} in ${right} of ${n} ${noun}${among} (${percent(rate)}%, 95% CI ${percent(interval.low)}–${percent(interval.high)}%)${small}`,
  };
}

/** A share as a whole percentage, rounded to nearest: 0.8542 → "85". */
function percent(share: number): string {
  return String(Math.round(share * 100));
}
