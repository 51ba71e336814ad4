export { confirmedCasesOf, measureBacktestAccuracy } from './accuracy.js';
export { type BacktestCase, backtestCaseSchema } from './case.js';
export {
  type BacktestComparison,
  compareBacktests,
  DEFAULT_FAIL_ON_DROP_POINTS,
  type RateDelta,
} from './compare.js';
export {
  type BacktestSummary,
  CONFIDENCE_PROBABILITY,
  quantile,
  type Rate,
  rateOf,
  summarise,
  summariseBy,
} from './figures.js';
export {
  type ConfirmedCase,
  type ConfirmedCaseQuery,
  type ConfirmedCaseSource,
  confirmedCaseSource,
  NO_EVIDENCE_REASON,
} from './from-store.js';
export { type StoreCaseTruth, type TruthDecision, truthFromFeedback } from './from-store-truth.js';
export { type CaseLabels, caseLabels, NO_LABEL } from './labels.js';
export { DEFAULT_BACKTEST_LEASE_MS, MIN_BACKTEST_LEASE_MS } from './lease.js';
export type { LeaseWorkResult } from './lease-work.js';
export { formatRate, renderBacktest, renderComparison, renderList, summaryTable } from './render.js';
export {
  type BacktestOptions,
  type BacktestProgress,
  type BacktestResult,
  type JoinOptions,
  joinBacktest,
  runBacktest,
} from './run.js';
export { runCase } from './run-case.js';
export { acceptedServices, rankedServices, scoreReport, TOP_K, type Verdicts } from './score.js';
export { loadBacktest, type StoredBacktest, storedCases } from './stored.js';
export { SUITE_INDEX, suiteCaseIds } from './suite.js';
