/**
 * Two backtests side by side: each figure's change with both intervals, the cases whose root cause
 * (top 1) flipped either way, and whether top 1 dropped past the threshold (the CI gate). Pure.
 */
import type { BacktestCase } from './case.js';
import type { BacktestSummary, Rate } from './figures.js';

/** Points (percentage points) top 1 may drop before `backtest compare` exits non-zero. */
export const DEFAULT_FAIL_ON_DROP_POINTS = 5;

export interface ComparedRun {
  id: string;
  summary: BacktestSummary;
  cases: readonly BacktestCase[];
}

export interface RateDelta {
  figure: string;
  before: Rate;
  after: Rate;
  /** after − before in percentage points; null when either side measured nothing. */
  deltaPoints: number | null;
}

export interface BacktestComparison {
  before: string;
  after: string;
  rates: RateDelta[];
  brier: { before: number | null; after: number | null };
  timeToBriefP50Ms: { before: number | null; after: number | null };
  costUsd: { before: number; after: number };
  /** Right at top 1 before, wrong after. */
  regressed: string[];
  /** Wrong at top 1 before, right after. */
  fixed: string[];
  /** Cases in only one of the runs (a changed suite). */
  onlyBefore: string[];
  onlyAfter: string[];
  failOnDropPoints: number;
  /** Top 1 dropped by more than failOnDropPoints. */
  regression: boolean;
}

function delta(figure: string, before: Rate, after: Rate): RateDelta {
  const deltaPoints =
    before.rate === null || after.rate === null ? null : Math.round((after.rate - before.rate) * 1000) / 10;
  return { figure, before, after, deltaPoints };
}

/** Compares `after` with `before`. */
export function compareBacktests(
  before: ComparedRun,
  after: ComparedRun,
  failOnDropPoints = DEFAULT_FAIL_ON_DROP_POINTS,
): BacktestComparison {
  const b = before.summary;
  const a = after.summary;
  const rates = [
    delta('top 1', b.top1, a.top1),
    delta('top 3', b.top3, a.top3),
    delta('category', b.category, a.category),
    delta('causing change', b.change, a.change),
    delta('false change', b.falseChange, a.falseChange),
    delta('right at HIGH', b.calibration.HIGH, a.calibration.HIGH),
    delta('right at MEDIUM', b.calibration.MEDIUM, a.calibration.MEDIUM),
    delta('right at LOW', b.calibration.LOW, a.calibration.LOW),
  ];
  const beforeById = new Map(before.cases.map((c) => [c.id, c]));
  const afterById = new Map(after.cases.map((c) => [c.id, c]));
  const both = [...beforeById.keys()].filter((id) => afterById.has(id)).sort();
  const top1Drop = rates[0]?.deltaPoints ?? 0;
  return {
    before: before.id,
    after: after.id,
    rates,
    brier: { before: b.brier, after: a.brier },
    timeToBriefP50Ms: { before: b.timeToBriefMs.p50, after: a.timeToBriefMs.p50 },
    costUsd: { before: b.costUsd, after: a.costUsd },
    regressed: both.filter((id) => beforeById.get(id)?.top1 && !afterById.get(id)?.top1),
    fixed: both.filter((id) => !beforeById.get(id)?.top1 && afterById.get(id)?.top1),
    onlyBefore: [...beforeById.keys()].filter((id) => !afterById.has(id)).sort(),
    onlyAfter: [...afterById.keys()].filter((id) => !beforeById.has(id)).sort(),
    failOnDropPoints,
    regression: -top1Drop > failOnDropPoints,
  };
}
