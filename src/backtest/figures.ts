/**
 * The summary figures of a backtest, from its scored cases. Pure. Every rate carries its 95%
 * Wilson interval (core/stats.ts, the one evals and accuracy use), because a suite of 40 cases
 * moves by several points from noise alone.
 */
import { CONFIDENCE_LEVELS, type Confidence, type Interval, wilsonInterval } from '../core/index.js';
import type { BacktestCase } from './case.js';

/** A proportion: `right` of `n`, its rate (null with n = 0) and its 95% Wilson interval. */
export interface Rate {
  right: number;
  n: number;
  rate: number | null;
  interval: Interval | null;
}

/**
 * The probability each confidence level stands for, for the Brier score. The report gives levels,
 * not probabilities; these are the midpoints a responder reads them as ("almost surely", "more
 * likely than not", "a lead"), fixed so that scores stay comparable across runs.
 */
export const CONFIDENCE_PROBABILITY: Record<Confidence, number> = { HIGH: 0.9, MEDIUM: 0.6, LOW: 0.3 };

export interface BacktestSummary {
  cases: number;
  /** Cases whose investigation failed; they count as wrong and are left out of calibration and times. */
  errors: number;
  top1: Rate;
  top3: Rate;
  category: Rate;
  /** Causing change named, among the cases whose truth names one. */
  change: Rate;
  /** A change named, among the cases whose truth names none (lower is better). */
  falseChange: Rate;
  /** Root cause right (top 1) among the answers given at each confidence level. */
  calibration: Record<Confidence, Rate>;
  /**
   * Mean squared gap between the confidence (as CONFIDENCE_PROBABILITY) and being right at top 1:
   * 0 is perfect, 0.25 is what always answering 50% scores. null with no answered case.
   */
  brier: number | null;
  timeToBriefMs: { p50: number | null; p95: number | null };
  costUsd: number;
  tokens: number;
}

/** `right` of `n` as a Rate. */
export function rateOf(right: number, n: number): Rate {
  return n === 0
    ? { right, n, rate: null, interval: null }
    : { right, n, rate: right / n, interval: wilsonInterval(right, n) };
}

function count(cases: readonly BacktestCase[], pick: (c: BacktestCase) => boolean | undefined): Rate {
  const judged = cases.map(pick).filter((v) => v !== undefined);
  return rateOf(judged.filter(Boolean).length, judged.length);
}

/** The nearest-rank quantile of ascending `sorted`; null when empty. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? null;
}

/** The summary of `cases`. */
export function summarise(cases: readonly BacktestCase[]): BacktestSummary {
  const answered = cases.filter((c) => c.confidence !== undefined);
  const calibration = Object.fromEntries(
    CONFIDENCE_LEVELS.map((level) => [
      level,
      count(
        answered.filter((c) => c.confidence === level),
        (c) => c.top1,
      ),
    ]),
  ) as Record<Confidence, Rate>;
  const brier =
    answered.length === 0
      ? null
      : answered.reduce((sum, c) => {
          const p = CONFIDENCE_PROBABILITY[c.confidence as Confidence];
          return sum + (p - (c.top1 ? 1 : 0)) ** 2;
        }, 0) / answered.length;
  const times = answered.map((c) => c.timeToBriefMs).sort((a, b) => a - b);
  return {
    cases: cases.length,
    errors: cases.length - answered.length,
    top1: count(cases, (c) => c.top1),
    top3: count(cases, (c) => c.top3),
    category: count(cases, (c) => c.category),
    change: count(cases, (c) => c.change),
    falseChange: count(cases, (c) => c.falseChange),
    calibration,
    brier,
    timeToBriefMs: { p50: quantile(times, 0.5), p95: quantile(times, 0.95) },
    costUsd: cases.reduce((sum, c) => sum + c.costUsd, 0),
    tokens: cases.reduce((sum, c) => sum + c.tokens, 0),
  };
}

/** The summary of each group of cases by one of their labels (`account`, `environment`), largest first. */
export function summariseBy(
  cases: readonly BacktestCase[],
  label: string,
): Array<{ key: string; summary: BacktestSummary }> {
  const groups = new Map<string, BacktestCase[]>();
  for (const c of cases) {
    const key = c.labels[label] ?? '(none)';
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups]
    .sort(([a, x], [b, y]) => y.length - x.length || a.localeCompare(b))
    .map(([key, group]) => ({ key, summary: summarise(group) }));
}
