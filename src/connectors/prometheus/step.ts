/**
 * How a read range becomes query_range's start, end and step.
 *
 * Prometheus evaluates a range query at start, start + step, … ≤ end, and at each instant returns
 * the newest sample of the last 5 minutes (the lookback), stamped with the evaluation instant. So:
 *
 * - The first evaluation is `range.start` rounded up to a multiple of the step since the epoch.
 *   Scrapers and the lab write samples on such a grid (every 30 s at :00 and :30), so with the
 *   step equal to the sample interval each evaluation lands on a sample and returns it exactly,
 *   at its own timestamp. Off the grid, a point is the newest sample at or before it.
 * - The range's end is exclusive: the last evaluation is the last grid instant before `range.end`.
 * - Prometheus refuses more than 11,000 points per series; `auto` takes the smallest whole number
 *   of seconds, at least 15 s (a common scrape interval), that stays under it, and a fixed step
 *   is raised to that when a long range needs it.
 */
import type { TimeRange } from '../../core/index.js';

export const MAX_POINTS_PER_SERIES = 11_000;
export const MIN_AUTO_STEP_MS = 15_000;

export interface EvaluationWindow {
  startMs: number;
  endMs: number;
  stepMs: number;
}

/** The smallest whole-second step, at least 15 s, that keeps `rangeMs` within 11,000 points. */
export function autoStepMs(rangeMs: number): number {
  const needed = Math.ceil(rangeMs / (MAX_POINTS_PER_SERIES - 1) / 1000) * 1000;
  return Math.max(MIN_AUTO_STEP_MS, needed);
}

export function resolveStepMs(step: 'auto' | number, rangeMs: number): number {
  const least = Math.ceil(rangeMs / (MAX_POINTS_PER_SERIES - 1) / 1000) * 1000;
  return step === 'auto' ? autoStepMs(rangeMs) : Math.max(step, least);
}

/** The grid instants in [start, end) to evaluate at; undefined when none falls in the range. */
export function evaluationWindow(range: TimeRange, step: 'auto' | number): EvaluationWindow | undefined {
  const stepMs = resolveStepMs(step, Math.max(0, range.end - range.start));
  const startMs = Math.ceil(range.start / stepMs) * stepMs;
  if (startMs >= range.end) return undefined;
  const endMs = startMs + Math.floor((range.end - 1 - startMs) / stepMs) * stepMs;
  return { startMs, endMs, stepMs };
}
