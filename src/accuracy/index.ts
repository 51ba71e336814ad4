export type { CaseSource, ConfirmedCase, FeedbackInput, RootCauseVerdict, SkippedCase } from './cases.js';
export {
  ACCOUNT_LABELS,
  accountOf,
  casesFromFeedback,
  ENVIRONMENT_LABELS,
  environmentOf,
} from './cases.js';
export type { Figure, FigureWording } from './figure.js';
export { figureOf, MIN_QUOTABLE } from './figure.js';
export type {
  AccuracyFigures,
  AccuracyGroup,
  AccuracyReport,
  AccuracySplit,
  CaseWording,
} from './figures.js';
export { ACCURACY_SPLITS, accuracyReport, figuresOf, NO_ACCOUNT, NO_ENVIRONMENT } from './figures.js';
export type { AccuracyQuery } from './query.js';
export { accuracyQuerySchema, DEFAULT_SINCE, parseSince, SINCE_EXPECTATION } from './query.js';
export { measureAccuracy } from './read-store.js';
